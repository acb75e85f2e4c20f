import { Router } from 'express';
import { allow } from '../auth.ts';
import type { HttpContext } from '../context.ts';

export function snapshotRouter(ctx: HttpContext): Router {
  const r = Router();
  r.get('/snapshot', allow('read'), (_req, res) => {
    res.json(ctx.snapshot());
  });
  return r;
}
