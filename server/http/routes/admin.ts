import { Router } from 'express';
import { allow } from '../auth.ts';
import type { HttpContext } from '../context.ts';

export function adminRouter(ctx: HttpContext): Router {
  const r = Router();
  // Deploys: every screen reloads the page (SIGUSR2 does the same).
  r.post('/admin/reload', allow('admin'), (_req, res) => {
    ctx.reload();
    res.status(202).json({ ok: true });
  });
  return r;
}
