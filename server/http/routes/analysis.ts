// GET /api/v1/analysis?date=YYYY-MM-DD (leader, admin): the barometer (研判) of a local date of the
// analysis window, today by default: { spikes, clusters, repeats, risks, monthly, suggestions, ... },
// every item with its ticketIds (shared/domain/analysis). A past date is analysed as of its end.
// The category classifier is retrained at most once an hour of asOf (its training days end yesterday).
import { Router } from 'express';
import { analyse, contextOf, dateOfDay, dayOfDate, trainingFacts, trainNaiveBayes, type NaiveBayes } from '../../../shared/domain/index.ts';
import { readerNow } from '../../core/now.ts';
import { allow } from '../auth.ts';
import type { HttpContext } from '../context.ts';
import { optionalString } from '../query.ts';

const HOUR = 3_600_000;

export function analysisRouter(ctx: HttpContext): Router {
  const r = Router();
  let model: { key: string; model: NaiveBayes } | null = null;
  r.get('/analysis', allow('analysis'), (req, res) => {
    const date = optionalString(req.query, 'date');
    if (!date.ok) {
      res.status(400).json({ error: 'date must be given at most once' });
      return;
    }
    const { engine } = ctx;
    const { rules, state } = engine;
    const now = readerNow(engine);
    const today = rules.zone.dayOf(now);
    let asOf = now;
    if (date.value !== undefined) {
      const day = dayOfDate(date.value);
      const first = today - rules.config.analysis.historyDays + 1;
      if (day === null || day > today || day < first) {
        res.status(400).json({ error: `date must be a date YYYY-MM-DD from ${dateOfDay(first)} to ${dateOfDay(today)}` });
        return;
      }
      if (day < today) asOf = rules.zone.startOfDay(day + 1) - 1;
    }
    const key = `${rules.zone.dayOf(asOf)}|${Math.floor(asOf / HOUR)}`;
    if (model?.key !== key) {
      const training = trainingFacts(contextOf(state, rules, asOf));
      model = { key, model: trainNaiveBayes(training.map((f) => ({ words: f.words, category: f.category[0] }))) };
    }
    res.json(analyse(state, rules, asOf, model.model));
  });
  return r;
}
