// GET /api/v1/warnings?color=red|yellow&offset&limit&district&deptId: the warning list, paged.
import { Router } from 'express';
import { z } from 'zod';
import { listWarnings } from '../../../shared/domain/index.ts';
import { readerNow } from '../../core/now.ts';
import { allow } from '../auth.ts';
import type { HttpContext } from '../context.ts';
import { pageQuery, parseQuery } from '../query.ts';

export function warningsRouter(ctx: HttpContext): Router {
  const maxLimit = ctx.env.config.limits.warningsPage;
  const Query = z.object({
    color: z.enum(['red', 'yellow'], 'color must be red or yellow'),
    ...pageQuery(maxLimit),
    district: z.string().min(1).optional(),
    deptId: z.string().min(1).optional(),
  });
  const r = Router();
  r.get('/warnings', allow('read'), (req, res) => {
    const q = parseQuery(Query, req, res);
    if (!q) return;
    const { engine } = ctx;
    res.json(listWarnings(engine.state, engine.rules, readerNow(engine), q));
  });
  return r;
}
