// What a browser does before it holds a credential (no auth middleware in front):
//   POST   /api/v1/session   a token (Bearer, or body { token }) exchanged for a session cookie
//   DELETE /api/v1/session   sign out: the session ends, its cookie is cleared
//   POST   /api/v1/pair      a wall with nothing asks for a pairing code (a pairing cookie holds its secret)
//   GET    /api/v1/pair      the wall's pairing: pending (its code), or paired (the device cookie set now)
import { Router } from 'express';
import { z } from 'zod';
import type { PairAnswer, SessionAnswer } from '../../../shared/contract/snapshot.ts';
import { WALL_COOKIE_SECONDS, COOKIE, clearCookie, readCookies, setCookie } from '../../access/cookies.ts';
import { PAIRING_SECONDS } from '../../access/walls.ts';
import { bearerOf, sendAuthFailure } from '../auth.ts';
import type { HttpContext } from '../context.ts';

const SessionBody = z.object({ token: z.string().min(1).max(512).optional() });
const PairBody = z.object({ build: z.string().trim().max(64).optional() });

export function accessRouter(ctx: HttpContext): Router {
  const r = Router();
  const { access } = ctx;

  r.post('/session', async (req, res) => {
    const address = access.address(req);
    const body = SessionBody.safeParse(req.body ?? {});
    const token = bearerOf(req) ?? (body.success ? body.data.token : undefined) ?? null;
    if (token === null) {
      res.status(400).json({ error: 'give the token as Authorization: Bearer <token> or in the body as { "token": "…" }' });
      return;
    }
    const got = access.tryToken(token, address);
    if (!got.ok) return sendAuthFailure(res, got);
    const who = got.caller;
    // A wall-role token is a screen's credential: its session lasts as long as a paired wall's.
    const seconds = who.role === 'wall' ? WALL_COOKIE_SECONDS : access.sessions.seconds;
    const sid = await access.sessions.create(who.person!, address, seconds);
    setCookie(req, res, COOKIE.session, sid, seconds);
    await access.audit.record(who, address, 'signin', who.id, `session ${Math.round(seconds / 3600)} h`);
    const answer: SessionAnswer = { role: who.role, label: who.label, expiresInSeconds: seconds };
    res.set('Cache-Control', 'no-store').json(answer);
  });

  r.delete('/session', async (req, res) => {
    const sid = readCookies(req.headers.cookie)[COOKIE.session];
    if (sid) {
      const s = await access.sessions.get(sid);
      await access.sessions.end(sid);
      const p = s ? access.directory.byHash(s.person) : null;
      if (p) access.audit.note(p, access.address(req), 'signout', p.id);
    }
    clearCookie(req, res, COOKIE.session);
    res.status(204).end();
  });

  r.post('/pair', async (req, res) => {
    const address = access.address(req);
    const existing = await access.walls.pairingOf(readCookies(req.headers.cookie)[COOKIE.pair]);
    if (existing && existing.rec.wallId === null) {
      const answer: PairAnswer = { status: 'pending', code: existing.code, expiresAt: existing.rec.expiresAt };
      res.set('Cache-Control', 'no-store').json(answer);
      return;
    }
    const wait = access.pairingLimiter.retryAfter(address);
    if (wait > 0) {
      res.set('Retry-After', String(wait)).status(429).json({ error: 'too many pairing codes asked for from this address' });
      return;
    }
    access.pairingLimiter.fail(address);
    const body = PairBody.safeParse(req.body ?? {});
    const build = body.success ? (body.data.build ?? null) : null;
    const p = await access.walls.startPairing(address, build);
    setCookie(req, res, COOKIE.pair, `${p.code}.${p.secret}`, PAIRING_SECONDS);
    ctx.log.info(`pairing code ${p.code} asked for from ${address}`);
    const answer: PairAnswer = { status: 'pending', code: p.code, expiresAt: p.rec.expiresAt };
    res.status(201).set('Cache-Control', 'no-store').json(answer);
  });

  r.get('/pair', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const address = access.address(req);
    const mine = await access.walls.pairingOf(readCookies(req.headers.cookie)[COOKIE.pair]);
    if (!mine) {
      const none: PairAnswer = { status: 'none' };
      res.json(none);
      return;
    }
    if (mine.rec.wallId === null) {
      const pending: PairAnswer = { status: 'pending', code: mine.code, expiresAt: mine.rec.expiresAt };
      res.json(pending);
      return;
    }
    const got = await access.walls.collect(mine.code, mine.rec);
    clearCookie(req, res, COOKIE.pair);
    if (!got) {
      res.json({ status: 'none' } satisfies PairAnswer);
      return;
    }
    setCookie(req, res, COOKIE.wall, got.cookie, WALL_COOKIE_SECONDS);
    access.audit.note({ role: 'wall', label: got.name }, address, 'wall.paired', got.id, mine.code);
    const paired: PairAnswer = { status: 'paired', wall: got.name };
    res.json(paired);
  });

  return r;
}
