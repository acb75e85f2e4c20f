// Who may sign in: HOTLINE_TOKENS (programs, first looks), HOTLINE_TOKENS_FILE (named people, read
// again whenever the file changes) and the people an admin added on the admin page (Redis), minus
// those revoked (Redis, by token hash, so a revocation holds on every node and across restarts).
// Everything is looked up in memory; refresh() re-reads the file when it changed and the two Redis
// hashes, and the server calls it every few seconds and after every change it makes itself.
import { readFile, stat } from 'node:fs/promises';
import type { Role } from '../../shared/contract/snapshot.ts';
import type { TokenTable } from '../config/tokens.ts';
import type { Keys } from '../store/keys.ts';
import type { RedisClient } from '../store/redis.ts';
import type { Logger } from '../util/log.ts';
import { hashSecret, newSecret, personId } from './secret.ts';
import { parseTokensFile } from './token-file.ts';

export type PersonSource = 'env' | 'file' | 'admin';

export interface Person {
  /** Public id: the start of the token's hash. */
  id: string;
  hash: string;
  role: Role;
  label: string | null;
  /** ms; null: no expiry. */
  expiresAt: number | null;
  source: PersonSource;
}

export interface PersonRow {
  id: string;
  role: Role;
  label: string | null;
  expiresAt: number | null;
  source: PersonSource;
  revoked: { at: number; by: string } | null;
  expired: boolean;
}

interface AddedRecord {
  role: Role;
  label: string;
  expiresAt: number | null;
  addedAt: number;
  addedBy: string;
}

interface RevokedRecord {
  at: number;
  by: string;
}

export interface DirectoryOptions {
  env: TokenTable;
  file: string | null;
  tz: string;
  redis: RedisClient;
  keys: Keys;
  log: Logger;
  /** The file was read again and its people changed (for the audit trail). */
  onFileReload?: (people: number, errors: string[]) => void;
}

export class TokensFileError extends Error {
  constructor(readonly errors: string[]) {
    super(errors.join('\n'));
  }
}

export class Directory {
  #env: Person[];
  #file: Person[] = [];
  #fileStamp = '';
  #added: Person[] = [];
  #revoked = new Map<string, RevokedRecord>();
  #byHash = new Map<string, Person>();

  constructor(private readonly o: DirectoryOptions) {
    this.#env = [...o.env].map(([token, p]) => {
      const hash = hashSecret(token);
      return { id: personId(hash), hash, role: p.role, label: p.label, expiresAt: null, source: 'env' as const };
    });
    this.#index();
  }

  /** At start-up: a token file that cannot be read or has a bad entry stops the server. */
  async load(): Promise<void> {
    if (this.o.file) {
      const errors = await this.#readFile(true);
      if (errors.length > 0) throw new TokensFileError(errors);
    }
    await this.#readRedis();
    this.#index();
  }

  /** Re-read the file (when it changed) and Redis. Never throws: a bad edit keeps the people before it. */
  async refresh(): Promise<void> {
    if (this.o.file) {
      try {
        await this.#readFile(false);
      } catch (err) {
        this.o.log.warn(`HOTLINE_TOKENS_FILE: ${(err as Error).message}`);
      }
    }
    try {
      await this.#readRedis();
    } catch (err) {
      this.o.log.warn(`people: could not read Redis (${(err as Error).message}); keeping the last list`);
    }
    this.#index();
  }

  /** How many people could sign in now (start-up refuses 0). */
  get size(): number {
    return this.#byHash.size;
  }

  /** The person this token belongs to, when they may sign in now. */
  byToken(token: string, now = Date.now()): Person | null {
    return this.byHash(hashSecret(token), now);
  }

  byHash(hash: string, now = Date.now()): Person | null {
    const p = this.#byHash.get(hash);
    if (!p || this.#revoked.has(hash)) return null;
    if (p.expiresAt !== null && now >= p.expiresAt) return null;
    return p;
  }

  list(now = Date.now()): PersonRow[] {
    const rows = [...this.#env, ...this.#file, ...this.#added].map((p) => {
      const r = this.#revoked.get(p.hash);
      return {
        id: p.id,
        role: p.role,
        label: p.label,
        expiresAt: p.expiresAt,
        source: p.source,
        revoked: r ? { at: r.at, by: r.by } : null,
        expired: p.expiresAt !== null && now >= p.expiresAt,
      };
    });
    return rows;
  }

  /** An admin adds a person: a new token, answered once, its hash kept in Redis. */
  async add(o: { role: Role; label: string; expiresAt: number | null }, by: string): Promise<{ person: Person; token: string }> {
    const token = newSecret();
    const hash = hashSecret(token);
    const rec: AddedRecord = { role: o.role, label: o.label, expiresAt: o.expiresAt, addedAt: Date.now(), addedBy: by };
    await this.o.redis.hSet(this.o.keys.people, hash, JSON.stringify(rec));
    await this.refresh();
    return { person: this.#byHash.get(hash)!, token };
  }

  /** Revoke by public id (any source): answers the person, or null when no such id. */
  async revoke(id: string, by: string): Promise<Person | null> {
    const p = [...this.#env, ...this.#file, ...this.#added].find((x) => x.id === id);
    if (!p) return null;
    const rec: RevokedRecord = { at: Date.now(), by };
    await this.o.redis.hSet(this.o.keys.revoked, p.hash, JSON.stringify(rec));
    // An admin-added person is gone for good; env and file people stay listed as revoked.
    if (p.source === 'admin') await this.o.redis.hDel(this.o.keys.people, p.hash);
    await this.refresh();
    return p;
  }

  async #readFile(first: boolean): Promise<string[]> {
    const file = this.o.file!;
    const st = await stat(file);
    const stamp = `${st.ino}:${st.size}:${st.mtimeMs}`;
    if (!first && stamp === this.#fileStamp) return [];
    const text = await readFile(file, 'utf8');
    const parsed = parseTokensFile(text, this.o.tz);
    this.#fileStamp = stamp;
    if (parsed.errors.length > 0) {
      if (!first) {
        for (const e of parsed.errors) this.o.log.warn(`${e} (the people read before stay in force)`);
        this.o.onFileReload?.(this.#file.length, parsed.errors);
      }
      return parsed.errors;
    }
    this.#file = parsed.people.map((p) => ({ id: personId(p.hash), ...p, source: 'file' as const }));
    if (!first) {
      this.o.log.info(`HOTLINE_TOKENS_FILE read again: ${this.#file.length} people`);
      this.o.onFileReload?.(this.#file.length, []);
    }
    return [];
  }

  async #readRedis(): Promise<void> {
    const [added, revoked] = await Promise.all([this.o.redis.hGetAll(this.o.keys.people), this.o.redis.hGetAll(this.o.keys.revoked)]);
    this.#added = [];
    for (const [hash, json] of Object.entries(added)) {
      const r = safeJson<AddedRecord>(json);
      if (r) this.#added.push({ id: personId(hash), hash, role: r.role, label: r.label, expiresAt: r.expiresAt, source: 'admin' });
    }
    this.#revoked = new Map();
    for (const [hash, json] of Object.entries(revoked)) {
      const r = safeJson<RevokedRecord>(json);
      if (r) this.#revoked.set(hash, r);
    }
  }

  #index(): void {
    const m = new Map<string, Person>();
    // Later sources do not override earlier ones: env, then file, then admin-added.
    for (const p of [...this.#env, ...this.#file, ...this.#added]) if (!m.has(p.hash)) m.set(p.hash, p);
    this.#byHash = m;
  }
}

export function safeJson<T>(s: string | null | undefined): T | null {
  if (!s) return null;
  try {
    return JSON.parse(s) as T;
  } catch {
    return null;
  }
}
