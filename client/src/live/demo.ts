// ?demo=1: the fixture, as if live, without a server. ?demo=live also plays small patches through
// the store's patch path every few seconds (figures move, now and then a new red or urgent ticket),
// handy to watch alerts and animations. The timer belongs to the calling scope.
import type { Operation } from 'rfc6902';
import type { Snapshot, WarningItem } from '@shared/contract/snapshot.ts';
import { useInterval } from '../composables/timers.ts';
import type { LiveStore } from '../stores/live.ts';

export async function startDemo(store: LiveStore) {
  const { fixtureSnapshot } = await import('../fixtures/index.ts');
  store.loadDemo(fixtureSnapshot());
}

export function useDemoPatches(store: LiveStore, everyMs = 3000) {
  let n = 0;
  useInterval(() => {
    const s = store.snapshot;
    if (s) store.receivePatch({ seq: s.seq + 1, ops: demoOps(s, ++n, store.serverNowMs) });
  }, everyMs);
}

const iso = (ms: number) => new Date(ms + 8 * 3600e3).toISOString().replace('Z', '+08:00');

export function demoOps(s: Snapshot, n: number, nowMs: number): Operation[] {
  const hour = new Date(Date.parse(s.asOf ?? s.builtAt) + 8 * 3600e3).getUTCHours();
  const ops: Operation[] = [
    { op: 'replace', path: '/builtAt', value: iso(nowMs) },
    { op: 'replace', path: '/lastEntryAt', value: iso(nowMs - 400) },
    { op: 'replace', path: '/today/created', value: s.today.created + 1 },
    { op: 'replace', path: `/hourly/today/created/${hour}`, value: (s.hourly.today.created[hour] ?? 0) + 1 },
    { op: 'replace', path: '/ingest/applied', value: s.ingest.applied + 3 },
    { op: 'replace', path: '/calls/offered', value: s.calls.offered + 1 },
    { op: 'replace', path: '/calls/answered', value: s.calls.answered + 1 },
    { op: 'replace', path: '/calls/answerRate', value: (s.calls.answered + 1) / (s.calls.offered + 1) },
  ];
  if (n % 2 === 0) ops.push({ op: 'replace', path: '/today/closed', value: s.today.closed + 1 });
  if (n % 5 === 0 && s.warnings.yellow.length) {
    // The first yellow ticket turns red (appended at the red list's end: the latest deadline).
    const y = s.warnings.yellow[0]!;
    const red: WarningItem = { ...y, reason: 'overdue', level: 2, dueAt: iso(nowMs - 1000), urgency: n % 10 === 0 ? 'urgent' : y.urgency };
    ops.push(
      { op: 'remove', path: '/warnings/yellow/0' },
      { op: 'add', path: '/warnings/red/-', value: red },
      { op: 'replace', path: '/warnings/redCount', value: s.warnings.redCount + 1 },
      { op: 'replace', path: '/warnings/yellowCount', value: s.warnings.yellowCount - 1 },
      { op: 'replace', path: '/overdue', value: s.overdue + 1 },
    );
  }
  return ops;
}
