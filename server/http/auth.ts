// Auth once, at the door: one middleware resolves the Bearer token (401 when missing or unknown),
// one guard per route says which roles may (403 otherwise).
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { may, type CAN, type Principal, type TokenTable } from '../config/tokens.ts';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export function authenticate(tokens: TokenTable): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const m = BEARER.exec(req.get('authorization') ?? '');
    const who = m ? tokens.get(m[1]) : undefined;
    if (!who) {
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer')
        .json({ error: m ? 'unknown token' : 'missing bearer token' });
      return;
    }
    res.locals.principal = who;
    next();
  };
}

export function principalOf(res: Response): Principal {
  return res.locals.principal as Principal;
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
