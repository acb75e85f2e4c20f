// One JSON line per HTTP request (pino-http): request id (X-Request-Id, taken from a proxy when it
// looks like one, else made here, and sent back), method, path without its query's secrets, status,
// duration in ms and the person (the label of the token or session, else its role).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger as Pino } from 'pino';
import { pinoHttp } from 'pino-http';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** The URL as logged: a `token` (or anything named like a secret) in the query is starred out. */
export function loggableUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const k of [...params.keys()]) if (/token|secret|password|code|key/i.test(k)) params.set(k, '***');
  return `${url.slice(0, q)}?${params.toString()}`;
}

interface Who {
  role?: string;
  label?: string | null;
}

export function personOf(res: ServerResponse): string | null {
  const locals = (res as ServerResponse & { locals?: Record<string, unknown> }).locals;
  const who = (locals?.principal ?? null) as Who | null;
  if (!who) return null;
  return who.label ?? who.role ?? null;
}

/** Express routers shorten req.url while a request passes through them: the original one. */
const urlOf = (req: IncomingMessage) => (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';

export function requestLog(p: Pino): RequestHandler {
  return pinoHttp({
    logger: p,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: loggableUrl(req.url),
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customSuccessObject: (_req, res, val: Record<string, unknown>) => ({ ...val, person: personOf(res) }),
    customErrorObject: (_req, res, _err, val: Record<string, unknown>) => ({ ...val, person: personOf(res) }),
    customLogLevel: (req, res, err) => {
      if (err || res.statusCode >= 500) return 'error';
      if (res.statusCode >= 400) return 'warn';
      // Probes every few seconds: visible with LOG_LEVEL=debug.
      return req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics' ? 'debug' : 'info';
    },
    customSuccessMessage: (req, res, ms) => `${req.method} ${loggableUrl(urlOf(req))} ${res.statusCode} ${ms} ms`,
    customErrorMessage: (req, res) => `${req.method} ${loggableUrl(urlOf(req))} ${res.statusCode}`,
  }) as unknown as RequestHandler;
}
