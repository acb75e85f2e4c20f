// The browser's credentials, all HttpOnly and SameSite=Strict: a person's session, a paired wall's
// device credential, and a wall's pending pairing. Secure whenever the request came over HTTPS.
import { parse, serialize, type SerializeOptions } from 'cookie';
import type { Request, Response } from 'express';

export const COOKIE = {
  session: 'lx_session',
  wall: 'lx_wall',
  pair: 'lx_pair',
} as const;

/** Browsers cap a cookie's life at 400 days; the wall's is renewed whenever it asks who it is. */
export const WALL_COOKIE_SECONDS = 400 * 24 * 3600;

export function readCookies(header: string | undefined): Record<string, string | undefined> {
  if (!header) return {};
  try {
    return parse(header);
  } catch {
    return {};
  }
}

function options(req: Request, maxAgeSeconds: number): SerializeOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure, maxAge: maxAgeSeconds };
}

export function setCookie(req: Request, res: Response, name: string, value: string, maxAgeSeconds: number): void {
  res.append('Set-Cookie', serialize(name, value, options(req, maxAgeSeconds)));
}

export function clearCookie(req: Request, res: Response, name: string): void {
  res.append('Set-Cookie', serialize(name, '', { ...options(req, 0), expires: new Date(0) }));
}
