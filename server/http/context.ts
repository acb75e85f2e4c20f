// What the HTTP routers need from the rest of the server, passed in explicitly (no globals).
import type { Snapshot } from '../../shared/contract/snapshot.ts';
import type { Access } from '../access/index.ts';
import type { ServerEnv } from '../config/env.ts';
import type { Engine } from '../core/engine.ts';
import type { IdempotencyStore } from '../ops/idempotency.ts';
import type { Metrics } from '../ops/metrics.ts';
import type { Logger } from '../util/log.ts';

export interface TicketStore {
  /** The ticket's stored details JSON (content, citizen, raw title...), null when none. */
  details(ticketId: string): Promise<string | null>;
  /** The ticket's stored record (a closed ticket the consumer let go of lives only there). */
  record(ticketId: string): Promise<string | null>;
  /** The ticket's applied events' JSON, in stream order. */
  timeline(ticketId: string): Promise<string[]>;
  /** XADD one event to the main stream; answers the new entry's id. */
  append(eventJson: string): Promise<string>;
}

/** Entries the product failed on and set aside (events.md `internal`): how many, and the last one. */
export interface InternalReport {
  count: number;
  last: { entryId: string; message: string; at: string } | null;
}

export interface HttpContext {
  env: ServerEnv;
  engine: Engine;
  store: TicketStore;
  /** A snapshot of the state now (seq: the last message's). */
  snapshot(): Snapshot;
  /** Redis answers and this process is consuming the stream; entries it set aside as `internal`. */
  ready(): Promise<{ ready: boolean; redis: boolean; consumer: string; internal: InternalReport }>;
  /** Tell every screen to reload itself (deploys). */
  reload(): void;
  log: Logger;
  /** People, sessions, paired walls, the failed sign-in limit and the audit trail. */
  access: Access;
  /** Check every open socket's credential now (after a revocation): closes those no longer valid. */
  revalidate(): Promise<void>;
  /** Open sockets per paired wall id, on this process. */
  wallsOnline(): Map<string, number>;
  /** Supervise's Idempotency-Key claims (ops/idempotency.ts). */
  idempotency?: IdempotencyStore;
  /** GET /metrics (ops/metrics.ts). */
  metrics?: Metrics;
}

/** Redis errors while serving a request: the state in memory still answers, writes cannot. */
export class UnavailableError extends Error {
  readonly status = 503;
}
