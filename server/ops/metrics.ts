// GET /metrics in Prometheus' text format (prom-client), one registry per server (tests run many in
// one process). What moves is counted where it happens (the consumer's durable writes, the push
// loop); what is a state is read when scraped (consumer status and lag, sockets, the stream's totals).
// The names and their meaning are in the README ("Metrics") and docs/grafana-dashboard.json.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Engine } from '../core/engine.ts';
import type { ConsumerStatus, OutcomeTally } from '../store/consumer.ts';
import type { RedisClient } from '../store/redis.ts';

export interface MetricsSources {
  engine: Engine;
  consumer: { readonly status: ConsumerStatus; readonly position: string | null };
  /** The shared connection (never the consumer's own, which blocks in reads). */
  redis: RedisClient;
  stream: string;
  group: string;
  /** Roles of the open sockets. */
  socketRoles: () => Iterable<string>;
}

const STATUSES: readonly ConsumerStatus[] = ['starting', 'standby', 'running', 'retrying', 'failed', 'stopped'];
const ROLES = ['wall', 'leader', 'admin'] as const;
const streamMs = (id: string) => Number(id.split('-')[0]);

export interface Metrics {
  registry: Registry;
  /** The consumer made entries durable. */
  durable(t: OutcomeTally): void;
  /** A batch was read and processed (its figures will go out with the next push). */
  batch(info: { entries: number; ms: number }): void;
  /** A message went out to `recipients` sockets. */
  pushed(kind: 'snapshot' | 'patch', payload: unknown, recipients: number): void;
  text(): Promise<string>;
  contentType: string;
}

export function createMetrics(src: MetricsSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });

  const entries = new Counter({
    name: 'lianxin_entries_total',
    help: 'Stream entries made durable by this process, by outcome (applied, duplicate, rejected).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  for (const o of ['applied', 'duplicate', 'rejected']) entries.inc({ outcome: o }, 0);
  const rejected = new Counter({
    name: 'lianxin_entries_rejected_total',
    help: 'Stream entries rejected by this process, by rejection code (events.md).',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'lianxin_stream_entries',
    help: 'Entries since the stream began, by outcome, as the durable state counts them (the snapshot ingest figures).',
    labelNames: ['outcome'] as const,
    registers: [registry],
    collect() {
      const i = src.engine.state.ingest;
      this.set({ outcome: 'applied' }, i.applied);
      this.set({ outcome: 'duplicate' }, i.duplicates);
      this.set({ outcome: 'rejected' }, i.rejected);
    },
  });
  const batchSeconds = new Histogram({
    name: 'lianxin_batch_duration_seconds',
    help: 'Time to process one batch read from the stream and make it durable.',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const batchEntries = new Counter({ name: 'lianxin_batch_entries_total', help: 'Entries read in batches.', registers: [registry] });
  new Gauge({
    name: 'lianxin_consumer_status',
    help: 'The stream consumer status: 1 for the current one.',
    labelNames: ['status'] as const,
    registers: [registry],
    collect() {
      for (const s of STATUSES) this.set({ status: s }, src.consumer.status === s ? 1 : 0);
    },
  });
  const lagEntries = new Gauge({
    name: 'lianxin_consumer_lag_entries',
    help: 'Entries in the stream not yet processed by this instance (undelivered plus pending).',
    registers: [registry],
  });
  const lagSeconds = new Gauge({
    name: 'lianxin_consumer_lag_seconds',
    help: 'Age of the oldest entry not yet processed (0 when caught up).',
    registers: [registry],
  });
  const redisUp = new Gauge({ name: 'lianxin_redis_up', help: 'Whether Redis answered the last scrape.', registers: [registry] });
  new Gauge({
    name: 'lianxin_sockets',
    help: 'Open Socket.IO connections by role.',
    labelNames: ['role'] as const,
    registers: [registry],
    collect() {
      const counts = new Map<string, number>(ROLES.map((r) => [r, 0]));
      for (const r of src.socketRoles()) counts.set(r, (counts.get(r) ?? 0) + 1);
      for (const [role, n] of counts) this.set({ role }, n);
    },
  });
  const messages = new Counter({
    name: 'lianxin_push_messages_total',
    help: 'Messages pushed to sockets (one per recipient), by kind.',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const bytes = new Counter({
    name: 'lianxin_push_bytes_total',
    help: 'JSON bytes pushed to sockets (payload size times recipients), by kind.',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  for (const k of ['snapshot', 'patch']) {
    messages.inc({ kind: k }, 0);
    bytes.inc({ kind: k }, 0);
  }
  const pushLatency = new Histogram({
    name: 'lianxin_push_latency_seconds',
    help: 'From a batch made durable to the first message after it going out.',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
    registers: [registry],
  });

  let changedAt: number | null = null;

  const scrapeRedis = async () => {
    try {
      if (!src.redis.isReady) throw new Error('not connected');
      const groups = await src.redis.xInfoGroups(src.stream);
      const g = groups.find((x) => String(x.name) === src.group);
      const lag = g ? Number(g.lag ?? 0) + Number(g.pending ?? 0) : 0;
      lagEntries.set(lag);
      const pos = src.consumer.position;
      const next = lag > 0 ? await src.redis.xRange(src.stream, pos ? `(${pos}` : '-', '+', { COUNT: 1 }) : [];
      const first = next?.[0];
      lagSeconds.set(first ? Math.max(0, (Date.now() - streamMs(first.id)) / 1000) : 0);
      redisUp.set(1);
    } catch {
      redisUp.set(0);
    }
  };

  return {
    registry,
    contentType: registry.contentType,
    durable(t) {
      entries.inc({ outcome: 'applied' }, t.applied);
      entries.inc({ outcome: 'duplicate' }, t.duplicates);
      let r = 0;
      for (const [code, n] of t.rejected) {
        rejected.inc({ code }, n);
        r += n;
      }
      entries.inc({ outcome: 'rejected' }, r);
    },
    batch(info) {
      batchSeconds.observe(info.ms / 1000);
      batchEntries.inc(info.entries);
      changedAt ??= Date.now();
    },
    pushed(kind, payload, recipients) {
      if (changedAt !== null) {
        pushLatency.observe((Date.now() - changedAt) / 1000);
        changedAt = null;
      }
      if (recipients === 0) return;
      messages.inc({ kind }, recipients);
      bytes.inc({ kind }, Buffer.byteLength(JSON.stringify(payload)) * recipients);
    },
    async text() {
      await scrapeRedis();
      return registry.metrics();
    },
  };
}
