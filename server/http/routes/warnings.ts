// GET /api/v1/warnings?color=red|yellow&offset&limit&district&deptId: the warning list, paged.
import { Router } from 'express';
import { z } from 'zod';
import { listWarnings } from '../../../shared/domain/index.ts';
import { readerNow } from '../../core/now.ts';
import { allow } from '../auth.ts';
import type { HttpContext } from '../context.ts';

const count = z
  .string()
  .regex(/^\d{1,9}$/, 'a whole number')
  .transform(Number);

export function warningsRouter(ctx: HttpContext): Router {
  const maxLimit = ctx.env.config.limits.warningsPage;
  const Query = z.object({
    color: z.enum(['red', 'yellow'], 'color must be red or yellow'),
    offset: count.optional().default(0),
    limit: count
      .pipe(z.number().min(1, 'limit must be at least 1').max(maxLimit, `limit must be at most ${maxLimit}`))
      .optional()
      .default(Math.min(50, maxLimit)),
    district: z.string().min(1).optional(),
    deptId: z.string().min(1).optional(),
  });
  const r = Router();
  r.get('/warnings', allow('read'), (req, res) => {
    const q = Query.safeParse(req.query);
    if (!q.success) {
      const i = q.error.issues[0];
      res.status(400).json({ error: `${i.path.join('.') || 'query'}: ${i.message}` });
      return;
    }
    const { engine } = ctx;
    res.json(listWarnings(engine.state, engine.rules, readerNow(engine), q.data));
  });
  return r;
}
