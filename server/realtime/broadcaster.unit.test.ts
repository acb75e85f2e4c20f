import { applyPatch } from 'rfc6902';
import { describe, expect, it } from 'vitest';
import type { PatchMessage, Snapshot } from '../../shared/contract/snapshot.ts';
import { Broadcaster } from './broadcaster.ts';

function harness() {
  let now = 1_000_000;
  let open = 0;
  const sent: Array<{ kind: 'snapshot' | 'patch'; body: Snapshot | PatchMessage }> = [];
  const build = (seq: number, wallNow = now) =>
    ({ seq, builtAt: new Date(wallNow).toISOString(), asOf: new Date(wallNow).toISOString(), open }) as unknown as Snapshot;
  const b = new Broadcaster(
    build,
    { snapshot: (s) => sent.push({ kind: 'snapshot', body: s }), patch: (p) => sent.push({ kind: 'patch', body: p }) },
    { pushMs: 500, heartbeatMs: 5000, resyncMs: 60_000 },
    () => now,
  );
  void b.current; // the first message, as start() makes it
  return {
    b,
    sent,
    advance: (ms: number) => (now += ms),
    setOpen: (n: number) => (open = n),
  };
}

describe('Broadcaster', () => {
  it('sends nothing while no figure changes, until the heartbeat is due', () => {
    const h = harness();
    const base = structuredClone(h.b.current);
    for (let i = 0; i < 9; i++) {
      h.advance(500);
      expect(h.b.tick()).toBeNull();
    }
    h.advance(500);
    expect(h.b.tick()).toBe('patch');
    const p = h.sent[0].body as PatchMessage;
    expect(p.seq).toBe(base.seq + 1);
    applyPatch(base, p.ops);
    expect(base).toEqual(h.b.current);
  });

  it('patches on a change of a figure, each patch against the previous message', () => {
    const h = harness();
    const client = structuredClone(h.b.current);
    for (let n = 1; n <= 5; n++) {
      h.setOpen(n);
      h.advance(500);
      expect(h.b.tick()).toBe('patch');
      applyPatch(client, (h.sent.at(-1)!.body as PatchMessage).ops);
      expect(client).toEqual(h.b.current);
    }
    expect(h.sent.map((m) => (m.body as PatchMessage).seq)).toEqual([2, 3, 4, 5, 6]);
  });

  it('sends the whole snapshot as a resync about once a minute', () => {
    const h = harness();
    h.advance(60_000);
    h.setOpen(1);
    expect(h.b.tick()).toBe('snapshot');
    expect(h.sent[0].body).toEqual(h.b.current);
    h.setOpen(2);
    h.advance(500);
    expect(h.b.tick()).toBe('patch');
  });
});
