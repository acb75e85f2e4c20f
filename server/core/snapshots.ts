// Building a snapshot of the live state: the centre's asOf, the wall clock, and the operators'
// notices this process knows of (Redis away, standing by). The calendar's notice the core adds itself.
import type { Snapshot } from '../../shared/contract/snapshot.ts';
import { asOfMs, buildSnapshot } from '../../shared/domain/index.ts';
import type { Engine } from './engine.ts';

export type SnapshotBuilder = (seq: number, wallNow?: number) => Snapshot;

export function snapshotBuilder(engine: Engine, notices: () => string[]): SnapshotBuilder {
  return (seq, wallNow = Date.now()) =>
    buildSnapshot(engine.state, engine.rules, {
      asOf: asOfMs(engine.state, engine.rules, wallNow),
      builtAt: wallNow,
      wallNow,
      seq,
      notices: notices(),
    });
}
