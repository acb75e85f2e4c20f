import { describe, expect, it } from 'vitest';
import type { Snapshot, WarningItem } from '@shared/contract/snapshot.ts';
import { fixtureSnapshot } from '../fixtures/index.ts';
import { detectAlerts } from './alerts.ts';

const at = 1_000;
const clone = (s: Snapshot) => structuredClone(s);

describe('alerts between two snapshots', () => {
  it('says nothing on the first snapshot or when nothing changed', () => {
    const s = fixtureSnapshot();
    expect(detectAlerts(null, s, at)).toEqual([]);
    expect(detectAlerts(s, clone(s), at)).toEqual([]);
  });

  it('flags a ticket that turned red', () => {
    const prev = fixtureSnapshot();
    const next = clone(prev);
    const y = next.warnings.yellow.shift()!;
    next.warnings.red.push({ ...y, reason: 'overdue', level: 2, dueAt: '2026-11-26T10:29:00+08:00' });
    next.warnings.redCount++;
    const a = detectAlerts(prev, next, at);
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ kind: 'red', ticketId: y.ticketId });
  });

  it('flags a rise in red tickets beyond the listed 50 with a summary', () => {
    const prev = fixtureSnapshot();
    prev.warnings.redCount = 80; // the list (14 items) is not complete
    const next = clone(prev);
    next.warnings.redCount = 82;
    const a = detectAlerts(prev, next, at);
    expect(a).toEqual([expect.objectContaining({ kind: 'red', ticketId: null })]);
  });

  it('flags a ticket reaching level 4 or 5, not one staying there', () => {
    const prev = fixtureSnapshot();
    const next = clone(prev);
    const t = next.warnings.red.find((w) => w.level === 3)!;
    t.level = 4;
    next.supervision['3']--;
    next.supervision['4']++;
    const a = detectAlerts(prev, next, at);
    expect(a).toEqual([expect.objectContaining({ kind: 'level', ticketId: t.ticketId, level: 4 })]);
    expect(detectAlerts(next, clone(next), at)).toEqual([]);
  });

  it('flags a new urgent ticket in the lists', () => {
    const prev = fixtureSnapshot();
    const next = clone(prev);
    const item: WarningItem = { ...next.warnings.yellow[0]!, ticketId: 'TNEW', urgency: 'urgent', dueAt: '2026-11-26T10:31:00+08:00' };
    next.warnings.yellow.unshift(item);
    next.warnings.yellowCount++;
    expect(detectAlerts(prev, next, at)).toEqual([expect.objectContaining({ kind: 'urgent', ticketId: 'TNEW' })]);
  });

  it('never returns more than a handful at once', () => {
    const prev = fixtureSnapshot();
    prev.warnings.red = [];
    prev.warnings.redCount = 0;
    const next = fixtureSnapshot();
    expect(detectAlerts(prev, next, at).length).toBeLessThanOrEqual(6);
  });
});
