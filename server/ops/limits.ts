// Per-session limits on the expensive reads (README, "Limits"): the warning list scans every open
// ticket, an XLSX export builds a workbook. Each person (session, else token label, else role and
// address) has a token bucket per kind of read; beyond it the answer is 429 with Retry-After. The
// cheap reads (snapshot, rankings JSON) are not limited: the snapshot is the one already built.
import type { Request, RequestHandler, Response } from 'express';

export interface Bucket {
  /** Requests allowed in a burst. */
  burst: number;
  /** Requests refilled per second. */
  perSecond: number;
  /** At most this many of them running at once for one person (async handlers). */
  concurrent?: number;
}

export const LIMITS = {
  warnings: { burst: 20, perSecond: 5 },
  xlsx: { burst: 3, perSecond: 1 / 10, concurrent: 1 },
} as const satisfies Record<string, Bucket>;

/** Who a request is, for the limits: a session id when one exists, else the principal, else the address. */
export function sessionKey(req: Request, res: Response): string {
  const l = res.locals as { sessionId?: string; principal?: { role: string; label: string | null } };
  if (l.sessionId) return `s:${l.sessionId}`;
  if (l.principal) return `p:${l.principal.role}:${l.principal.label ?? ''}:${req.ip ?? ''}`;
  return `a:${req.ip ?? ''}`;
}

interface State {
  tokens: number;
  at: number;
  running: number;
}

export function perSessionLimit(b: Bucket, now: () => number = Date.now, maxKeys = 10_000): RequestHandler {
  const states = new Map<string, State>();
  return (req, res, next) => {
    const key = sessionKey(req, res);
    const t = now();
    let s = states.get(key);
    if (!s) {
      // Bounded memory: forget the oldest person when too many are known.
      if (states.size >= maxKeys) states.delete(states.keys().next().value!);
      s = { tokens: b.burst, at: t, running: 0 };
      states.set(key, s);
    }
    s.tokens = Math.min(b.burst, s.tokens + ((t - s.at) / 1000) * b.perSecond);
    s.at = t;
    const busy = b.concurrent !== undefined && s.running >= b.concurrent;
    if (s.tokens < 1 || busy) {
      const wait = busy ? 1 : Math.ceil((1 - s.tokens) / b.perSecond);
      res
        .status(429)
        .set('Retry-After', String(wait))
        .json({ error: `too many requests of this kind: try again in ${wait} s` });
      return;
    }
    s.tokens -= 1;
    s.running++;
    const st = s;
    res.once('close', () => st.running--);
    next();
  };
}
