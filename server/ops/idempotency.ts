// Idempotent writes (README, "Supervision"): a client sends `Idempotency-Key: <its own id for this
// action>` with POST /api/v1/tickets/:id/supervise; a retry with the same key by the same person
// answers the first request's eventId and writes nothing. The key is claimed in Redis (SET NX, kept
// IDEMPOTENCY_TTL_S) before the event is appended, and given back when the append fails, so a retry
// after a failure does write. The event id itself derives from the key: even a claim lost with Redis
// leaves a second entry that the core rejects as a duplicate.
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Keys } from '../store/keys.ts';
import type { RedisClient } from '../store/redis.ts';

export const IDEMPOTENCY_TTL_S = 24 * 3600;
const KEY = /^[\x21-\x7e]{8,200}$/;

export interface IdempotencyStore {
  /** Claims the key for this request, or answers what the first request with it claimed. */
  claim(hash: string, value: Claim): Promise<Claim | null>;
  release(hash: string): Promise<void>;
}

export interface Claim {
  eventId: string;
  /** What the request asked (ticket, level, note): a key reused for another request is refused. */
  fingerprint: string;
}

export function idempotencyStore(redis: RedisClient, keys: Keys): IdempotencyStore {
  return {
    async claim(hash, value) {
      const k = keys.idempotency(hash);
      const ok = await redis.set(k, JSON.stringify(value), { condition: 'NX', expiration: { type: 'EX', value: IDEMPOTENCY_TTL_S } });
      if (ok === 'OK') return null;
      const held = await redis.get(k);
      return held ? (JSON.parse(held) as Claim) : null;
    },
    async release(hash) {
      await redis.del(keys.idempotency(hash));
    },
  };
}

/** The request's key: undefined when none was sent, null after answering 400 for a bad one. */
export function idempotencyKeyOf(req: Request, res: Response): string | undefined | null {
  const key = req.get('idempotency-key');
  if (key === undefined) return undefined;
  if (!KEY.test(key)) {
    res.status(400).json({ error: 'Idempotency-Key must be 8-200 printable ASCII characters' });
    return null;
  }
  return key;
}

/**
 * Runs `write` once per (person, key): answers the eventId and whether this was a replay, or null
 * after answering 422 for a key reused with a different request.
 */
export async function writeOnce(
  store: IdempotencyStore | undefined,
  o: { person: string; key: string | undefined; fingerprint: string; freshId: () => string },
  write: (eventId: string) => Promise<void>,
  res: Response,
): Promise<{ eventId: string; replayed: boolean } | null> {
  if (o.key === undefined || !store) {
    const eventId = o.freshId();
    await write(eventId);
    return { eventId, replayed: false };
  }
  const hash = createHash('sha256').update(`${o.person}\0${o.key}`).digest('hex').slice(0, 32);
  const eventId = `sup-${hash}`;
  const held = await store.claim(hash, { eventId, fingerprint: o.fingerprint });
  if (held) {
    if (held.fingerprint !== o.fingerprint) {
      res.status(422).json({ error: 'this Idempotency-Key was used for a different request' });
      return null;
    }
    return { eventId: held.eventId, replayed: true };
  }
  try {
    await write(eventId);
  } catch (err) {
    await store.release(hash).catch(() => undefined);
    throw err;
  }
  return { eventId, replayed: false };
}
