// A department's co-handling and returns (协办, 退单), paged like the warnings:
//   GET /api/v1/cohandling?deptId&overdue=true&offset&limit   open co-handling parts now, by deadline
//   GET /api/v1/returns?deptId&offset&limit                    tickets not closed that were returned,
//                                                              by returns descending, then ticketId
import { Router } from 'express';
import { z } from 'zod';
import { listCoParts, listReturns } from '../../../shared/domain/index.ts';
import { readerNow } from '../../core/now.ts';
import { allow } from '../auth.ts';
import type { HttpContext } from '../context.ts';
import { pageQuery, parseQuery } from '../query.ts';

export function cohandlingRouter(ctx: HttpContext): Router {
  const page = pageQuery(ctx.env.config.limits.warningsPage);
  const deptId = z.string().min(1).optional();
  const Parts = z.object({ ...page, deptId, overdue: z.enum(['true', 'false'], 'overdue must be true or false').optional() });
  const Returns = z.object({ ...page, deptId });
  const r = Router();
  r.get('/cohandling', allow('read'), (req, res) => {
    const q = parseQuery(Parts, req, res);
    if (!q) return;
    const { engine } = ctx;
    res.json(listCoParts(engine.state, engine.rules, readerNow(engine), { ...q, overdue: q.overdue === 'true' }));
  });
  r.get('/returns', allow('read'), (req, res) => {
    const q = parseQuery(Returns, req, res);
    if (q) res.json(listReturns(ctx.engine.state, q));
  });
  return r;
}
