// A person's browser session: a random id in an HttpOnly cookie, kept in Redis under its hash (a
// Redis dump holds no usable cookie), expiring on its own. It names the person by their token's
// hash, so revoking the person ends every session they have at once.
import type { Keys } from '../store/keys.ts';
import type { RedisClient } from '../store/redis.ts';
import { safeJson } from './people.ts';
import { hashSecret, newSecret } from './secret.ts';

export interface SessionRecord {
  person: string;
  createdAt: number;
  address: string;
}

export class Sessions {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    readonly seconds: number,
  ) {}

  async create(person: string, address: string, seconds = this.seconds): Promise<string> {
    const sid = newSecret();
    const rec: SessionRecord = { person, createdAt: Date.now(), address };
    await this.redis.set(this.keys.session(hashSecret(sid)), JSON.stringify(rec), { expiration: { type: 'EX', value: seconds } });
    return sid;
  }

  /** The session's record, or null when unknown or expired. */
  async get(sid: string): Promise<SessionRecord | null> {
    if (sid.length < 20 || sid.length > 200) return null;
    return safeJson<SessionRecord>(await this.redis.get(this.keys.session(hashSecret(sid))));
  }

  async end(sid: string): Promise<void> {
    await this.redis.del(this.keys.session(hashSecret(sid)));
  }
}
