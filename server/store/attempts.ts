// Attempts at entries the product failed on (events.md, `internal`): counted in Redis, so neither a
// restart nor another process of the instance gives an entry more than its attempts in all. The hash
// is empty while nothing fails: a field is written when an entry fails, or before an entry that was
// delivered before and never made durable is tried again, and it goes with the write that makes the
// entry durable (commit.ts).
import type { Keys } from './keys.ts';
import type { RedisClient } from './redis.ts';
import { isAtOrBefore } from './stream-ids.ts';

const errorField = (entryId: string) => `${entryId}:error`;

/** The fields of these entries, for the batch write that makes them durable. */
export function attemptFields(entryIds: readonly string[]): string[] {
  return entryIds.flatMap((id) => [id, errorField(id)]);
}

export class Attempts {
  constructor(
    private readonly conn: RedisClient,
    private readonly keys: Keys,
  ) {}

  /** An attempt is about to run: answers how many there have been, this one included. */
  async begin(entryId: string): Promise<number> {
    return Number(await this.conn.hIncrBy(this.keys.attempts, entryId, 1));
  }

  /**
   * An attempt failed with `message`; `counted`: it was counted when it began. Answers the count
   * of attempts so far.
   */
  async failed(entryId: string, message: string, counted: boolean): Promise<number> {
    const [n] = await this.conn
      .multi()
      .hIncrBy(this.keys.attempts, entryId, counted ? 0 : 1)
      .hSet(this.keys.attempts, errorField(entryId), message)
      .exec();
    return Number(n);
  }

  /** The message of the entry's last failure, if one was recorded. */
  async lastError(entryId: string): Promise<string | null> {
    return (await this.conn.hGet(this.keys.attempts, errorField(entryId))) ?? null;
  }

  /** Drops what is left over for entries at or before the position (made durable by a process that died before clearing it). */
  async forgetUpTo(position: string | null): Promise<void> {
    if (position === null) return;
    const fields = await this.conn.hKeys(this.keys.attempts);
    const done = fields.filter((f) => isAtOrBefore(f.replace(/:error$/, ''), position));
    if (done.length > 0) await this.conn.hDel(this.keys.attempts, done);
  }
}
