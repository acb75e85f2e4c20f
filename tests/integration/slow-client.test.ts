// Socket clients misbehaving (issue 8 §5): `resync` in a loop costs one snapshot a second.
// Counts and order only; the waits are generous.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESYNC_MIN_MS } from '../../server/realtime/io.ts';
import type { Logger } from '../../server/util/log.ts';
import { feed, simTraffic } from '../browser/traffic.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { connectScreen } from '../support/socket.ts';
import { connectRedis, type TestRedis } from '../support/stream.ts';
import { TOKEN } from '../support/tokens.ts';
import { sleep } from '../support/wait.ts';

const warnings: string[] = [];
const log: Logger = { info() {}, warn: (m) => void warnings.push(m), error: (m) => void warnings.push(m) };

let server: TestServer;
let redis: TestRedis;
const traffic = simTraffic({ daysBefore: 2, untilHour: 23 });
const backlog = traffic.slice(0, Math.floor(traffic.length * 0.7));

beforeAll(async () => {
  server = await startTestServer({ log, env: { HOTLINE_PUSH_MS: '20' } });
  redis = await connectRedis(server.redisUrl);
  const last = await feed(redis, server.stream, backlog);
  const probe = connectScreen(server.url, { token: TOKEN.wall });
  await probe.until(
    'the backlog applied',
    () => probe.messages.some((m) => (m.payload as { lastEntryId?: string })?.lastEntryId === last) || probe.state()?.lastEntryId === last,
    120_000,
  );
  probe.close();
});

afterAll(async () => {
  await redis?.quit().catch(() => undefined);
  await server?.close();
});

// The buffer-limit disconnect itself has no test yet: with a paused reader, engine.io's ping
// timeout or the kernel's buffers came first in 180 s of pushes (issue 8 §5, left open).
describe('a socket client that asks too often', () => {
  it("answers 'resync' in a loop with one snapshot a second at most", async () => {
    const c = connectScreen(server.url, { token: TOKEN.wall });
    await c.until('connected', () => c.state());
    const snapshots = () => c.messages.filter((m) => m.kind === 'snapshot').length;
    const t0 = Date.now();
    for (let k = 0; k < 200; k++) c.socket.emit('resync');
    await c.until('one answer', () => snapshots() >= 2);
    await sleep(RESYNC_MIN_MS * 2);
    const elapsed = Date.now() - t0;
    // 200 asks: the first answered, the rest coalesced into one more at most per RESYNC_MIN_MS.
    expect(snapshots() - 1).toBeLessThanOrEqual(2 + Math.ceil(elapsed / RESYNC_MIN_MS));
    expect(snapshots() - 1).toBeGreaterThanOrEqual(1);
    expect(c.errors).toEqual([]);
    c.close();
  });
});
