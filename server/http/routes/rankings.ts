// GET /api/v1/rankings?from=YYYY-MM-DD&to=YYYY-MM-DD: department rows of a period and the one before.
import { Router } from 'express';
import { parsePeriod, rankings } from '../../../shared/domain/index.ts';
import { readerNow } from '../../core/now.ts';
import { allow } from '../auth.ts';
import type { HttpContext } from '../context.ts';
import { optionalString } from '../query.ts';

export function rankingsRouter(ctx: HttpContext): Router {
  const r = Router();
  r.get('/rankings', allow('read'), (req, res) => {
    const from = optionalString(req.query, 'from');
    const to = optionalString(req.query, 'to');
    if (!from.ok || !to.ok) {
      res.status(400).json({ error: 'from and to must each be given at most once' });
      return;
    }
    const { engine } = ctx;
    const asOf = readerNow(engine);
    const p = parsePeriod(engine.rules, asOf, from.value, to.value);
    if (!p.ok) {
      res.status(400).json({ error: p.error });
      return;
    }
    res.json(rankings(engine.state, engine.rules, p.period, asOf));
  });
  return r;
}
