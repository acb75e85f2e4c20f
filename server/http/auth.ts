// Auth once, at the door: one middleware finds the caller (a Bearer token, a session cookie, a
// paired wall's cookie; 401 when none, 429 while the address is blocked for failed tries), one
// guard per route says which roles may (403 otherwise).
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Access, AuthResult, Caller } from '../access/index.ts';
import { may, type CAN } from '../config/tokens.ts';
import { UnavailableError } from './context.ts';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The Bearer token of a request: null when there is no Authorization header, '' when it is malformed. */
export function bearerOf(req: Request): string | null {
  const h = req.get('authorization');
  if (h === undefined) return null;
  return BEARER.exec(h)?.[1] ?? '';
}

export function sendAuthFailure(res: Response, r: Extract<AuthResult, { ok: false }>): void {
  if (r.status === 429) res.set('Retry-After', String(r.retryAfter ?? 60));
  else res.set('WWW-Authenticate', 'Bearer');
  res.status(r.status).json({ error: r.error });
}

export function authenticate(access: Access): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const address = access.address(req);
    const token = bearerOf(req);
    let r: AuthResult;
    try {
      r = await access.resolve({ token, cookieHeader: req.headers.cookie }, address);
    } catch (err) {
      throw new UnavailableError((err as Error).message);
    }
    if (!r.ok) {
      sendAuthFailure(res, token === '' && r.reason === 'unknown' ? { ...r, error: 'malformed bearer token' } : r);
      return;
    }
    res.locals.principal = r.caller;
    next();
  };
}

export function principalOf(res: Response): Caller {
  return res.locals.principal as Caller;
}

export function allow(what: keyof typeof CAN): RequestHandler {
  return (_req, res, next) => {
    const who = principalOf(res);
    if (!may(who.role, what)) {
      res.status(403).json({ error: `forbidden: the ${who.role} role may not do this` });
      return;
    }
    next();
  };
}
