// Stored-state migrations: each step brings the state under an instance's prefix from the schema
// version before it to its own `to`, in Redis, and runs at start-up under the consumer lock (the
// consumer's take-over calls loadState with `migrate`), so nobody ever rebuilds by hand. Steps must be
// idempotent: a process killed half-way runs the same step again on its next start, and the version
// is only raised once a step has finished.
import type { Rules } from '../../../shared/domain/index.ts';
import type { Logger } from '../../util/log.ts';
import type { Keys } from '../keys.ts';
import type { RedisClient } from '../redis.ts';
import { personalDataStep } from './2-personal-data.ts';
import { cohandlingStep } from './3-cohandling.ts';

export interface MigrationContext {
  conn: RedisClient;
  keys: Keys;
  rules: Rules;
  log: Logger;
}

export interface MigrationStep {
  /** The schema version the stored state has once this step has run. */
  to: number;
  /** What it changes, for the log line an operator reads. */
  what: string;
  run(ctx: MigrationContext): Promise<void>;
}

/** Every step, by `to` ascending. A version without a step needs no change to stored data. */
export const MIGRATIONS: readonly MigrationStep[] = [personalDataStep, cohandlingStep];
