import { Router } from 'express';
import type { MeAnswer } from '../../../shared/contract/snapshot.ts';
import { COOKIE, WALL_COOKIE_SECONDS, readCookies, setCookie } from '../../access/cookies.ts';
import { principalOf } from '../auth.ts';

export function meRouter(): Router {
  const r = Router();
  r.get('/me', (req, res) => {
    const who = principalOf(res);
    const answer: MeAnswer = { role: who.role, label: who.label };
    if (who.via === 'wall' && who.wall !== null) {
      answer.wall = who.wall;
      // Browsers cap a cookie's life: a paired wall renews its credential whenever it starts.
      const cookie = readCookies(req.headers.cookie)[COOKIE.wall];
      if (cookie) setCookie(req, res, COOKIE.wall, cookie, WALL_COOKIE_SECONDS);
    }
    res.json(answer);
  });
  return r;
}
