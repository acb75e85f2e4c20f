import { describe, expect, it } from 'vitest';
import { applyPatch, createPatch } from 'rfc6902';
import { applyPatchShared } from './patch.ts';

const before = () => ({
  seq: 1,
  today: { created: 3, closed: 1 },
  districts: [
    { code: 'a', open: 1 },
    { code: 'b', open: 2 },
  ],
  warnings: { red: [{ id: 'T1' }, { id: 'T2' }], yellow: [] as Array<{ id: string }> },
  'odd/key~': { x: 1 },
});

describe('applying a patch with shared parts', () => {
  it('gives what rfc6902 gives, for patches rfc6902 creates', () => {
    const a = before();
    const b = before();
    b.today.created = 4;
    b.districts[1].open = 3;
    b.warnings.red.splice(0, 1);
    b.warnings.yellow.push({ id: 'T9' }, { id: 'T8' });
    b['odd/key~'].x = 2;
    const ops = createPatch(a, b);
    const full = structuredClone(a);
    applyPatch(full, ops);
    expect(applyPatchShared(a, ops)).toEqual(full);
    expect(a).toEqual(before()); // the previous snapshot is never changed
  });

  it('keeps the identity of every part the patch does not touch', () => {
    const a = before();
    const next = applyPatchShared(a, [{ op: 'replace', path: '/today/created', value: 4 }])!;
    expect(next.today).not.toBe(a.today);
    expect(next.districts).toBe(a.districts);
    expect(next.warnings).toBe(a.warnings);
    expect(next.warnings.red).toBe(a.warnings.red);
  });

  it('answers null for what it does not do, so the caller falls back', () => {
    const a = before();
    expect(applyPatchShared(a, [{ op: 'move', from: '/today', path: '/x' }])).toBeNull();
    expect(applyPatchShared(a, [{ op: 'replace', path: '/nothing/here', value: 1 }])).toBeNull();
    expect(applyPatchShared(a, [{ op: 'remove', path: '/districts/7' }])).toBeNull();
  });
});
