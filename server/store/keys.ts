// Every Redis key the server owns, in one place (the README's key table is written from this file).
// Everything lives under `lianxin:<instance>:` so several instances share one Redis and one stream,
// each counting every entry once.

export interface Keys {
  prefix: string;
  /** Hash: state (the core's meta JSON), schema, stream, position (stream id of the last entry made durable). */
  meta: string;
  /** Hash ticketId -> compact ticket record. */
  tickets: string;
  /** Hash ticketId -> content, citizen, raw title, street (written once, read for ticket detail). */
  details: string;
  /**
   * Sorted set ticketId -> close time (ms) of tickets closed at some point: where the sweep finds the
   * ones whose personal data is due for deletion (retention.ts). A reopened ticket stays until the
   * sweep sees it open; closing again moves its score.
   */
  closed: string;
  /** Hash local date -> city figures of that day. */
  days: string;
  /** Hot-topic keywords of the last few days. */
  topics: string;
  /**
   * Hash ticketId -> what the analysis keeps of a ticket created in its window (analysis/facts.ts):
   * masked, a keyed hash for the caller. New in the analysis; it starts empty and fills from live
   * entries (no migration), facts older than analysis.historyDays are deleted as the window slides.
   */
  facts: string;
  /** Hash local date -> per-department figures of that day. */
  rollups: string;
  /** Hash deptId -> department. */
  depts: string;
  /** Sorted set eventId -> `at` (ms): applied ids remembered for duplicate detection. */
  ids: string;
  /** String: who consumes the stream for this instance (SET NX PX), so processes never split it. */
  lock: string;
  /** Hash entryId -> attempts, entryId:error -> last error: entries the product failed on (attempts.ts); empty while nothing fails. */
  attempts: string;
  /** List per ticket: its applied events' JSON in stream order. */
  timeline(ticketId: string): string;
  /** String per (person, Idempotency-Key) hash: the event a supervise request wrote, kept a day (ops/idempotency.ts). */
  idempotency(hash: string): string;
  /** The stream's consumer group for this instance. */
  group: string;
  /** Consumer name inside the group: one per instance (the lock makes it single), so a restarted
   * process finds the pending entries of the one before it. */
  consumer: string;
  stream: string;
  rejected: string;
  // ---- access (server/access): start empty, no migration ----
  /** Hash token hash -> person an admin added on the admin page (role, label, expiry). */
  people: string;
  /** Hash token hash -> revocation (at, by): people who may no longer sign in, whatever their source. */
  revoked: string;
  /** String per session, under the hash of its cookie's id, expiring with the session. */
  session(idHash: string): string;
  /** Hash wallId -> paired wall (name, device secret's hash, who paired it). */
  walls: string;
  /** Hash wallId -> last seen, address, build. */
  wallsSeen: string;
  /** String per pending pairing code, expiring with it. */
  pairing(code: string): string;
  /** Sorted set code -> expiry (ms): the codes waiting for an admin. */
  pairings: string;
  /** Stream: the audit trail, append-only, never trimmed. */
  audit: string;
}

export function makeKeys(instance: string, stream: string): Keys {
  const prefix = `lianxin:${instance}:`;
  return {
    prefix,
    meta: `${prefix}meta`,
    tickets: `${prefix}tickets`,
    details: `${prefix}details`,
    closed: `${prefix}closed`,
    days: `${prefix}days`,
    topics: `${prefix}topics`,
    facts: `${prefix}facts`,
    rollups: `${prefix}rollups`,
    depts: `${prefix}depts`,
    ids: `${prefix}ids`,
    lock: `${prefix}consumer`,
    attempts: `${prefix}attempts`,
    timeline: (ticketId) => `${prefix}timeline:${ticketId}`,
    idempotency: (hash) => `${prefix}idem:${hash}`,
    group: `lianxin:${instance}`,
    consumer: 'consumer',
    stream,
    rejected: `${stream}:rejected`,
    people: `${prefix}people`,
    revoked: `${prefix}revoked`,
    session: (h) => `${prefix}session:${h}`,
    walls: `${prefix}walls`,
    wallsSeen: `${prefix}walls:seen`,
    pairing: (code) => `${prefix}pairing:${code}`,
    pairings: `${prefix}pairings`,
    audit: `${prefix}audit`,
  };
}
