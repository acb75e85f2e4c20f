// The built client (HOTLINE_STATIC), with an SPA fallback to index.html for the screen's own routes.
// When the client was never built, say so instead of a bare 404.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';

export function staticRouter(dir: string): Router {
  const r = Router();
  const index = join(dir, 'index.html');
  r.use(express.static(dir, { index: false, fallthrough: true }));
  r.get('/{*path}', (_req, res) => {
    // Checked per request: a build made after start-up is served without a restart.
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('client not built: run npm run build\n');
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(index);
  });
  return r;
}
