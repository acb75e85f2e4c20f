import { Router } from 'express';
import type { MeAnswer } from '../../../shared/contract/snapshot.ts';
import { principalOf } from '../auth.ts';

export function meRouter(): Router {
  const r = Router();
  r.get('/me', (_req, res) => {
    const { role, label } = principalOf(res);
    const answer: MeAnswer = { role, label };
    res.json(answer);
  });
  return r;
}
