// Liveness and readiness, without a token (load balancers and supervisors call them).
import { Router } from 'express';
import type { HttpContext } from '../context.ts';

export function healthRouter(ctx: HttpContext): Router {
  const r = Router();
  r.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  r.get('/readyz', async (_req, res) => {
    const s = await ctx.ready();
    res.status(s.ready ? 200 : 503).json(s);
  });
  return r;
}
