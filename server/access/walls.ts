// Paired walls. A wall with no credential asks for a pairing: a short code it shows on the big
// screen, and a secret only it holds (an HttpOnly cookie) to collect the result. An admin approves
// the code and names the wall; the wall's next poll turns the pairing into its device credential
// (`<wallId>.<secret>`, an HttpOnly cookie; Redis keeps the secret's hash). Revoking a wall deletes
// its record: its credential stops working at once and its sockets are closed.
import { randomBytes, randomInt } from 'node:crypto';
import type { Keys } from '../store/keys.ts';
import type { RedisClient } from '../store/redis.ts';
import { safeJson } from './people.ts';
import { hashSecret, newSecret, sameHash } from './secret.ts';

/** How long a pairing code waits for an admin. */
export const PAIRING_SECONDS = 600;

/** No 0/O, 1/I/L: read off a big screen across a room. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 6;
export const CODE_FORMAT = /^[A-HJKMNP-Z2-9]{6}$/;

export interface PairingRecord {
  secretHash: string;
  address: string;
  build: string | null;
  createdAt: number;
  expiresAt: number;
  /** Set when an admin approved it: the wall record waiting for its credential. */
  wallId: string | null;
}

export interface WallRecord {
  name: string;
  /** Hash of the device secret; null until the wall collected it. */
  secretHash: string | null;
  pairedAt: number;
  pairedBy: string;
  lastSeen: number | null;
  address: string | null;
  build: string | null;
}

type Seen = Pick<WallRecord, 'lastSeen' | 'address'> & { build?: string };

export interface WallRow extends Omit<WallRecord, 'secretHash'> {
  id: string;
}

/** "ABC234" is shown and typed as "ABC-234"; dashes, spaces and case do not matter. */
export const normaliseCode = (raw: string): string => raw.replace(/[\s-]/g, '').toUpperCase();

export class Walls {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  // ---- pairing ----

  async startPairing(address: string, build: string | null): Promise<{ code: string; secret: string; rec: PairingRecord }> {
    for (;;) {
      let code = '';
      for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
      const secret = newSecret();
      const now = Date.now();
      const rec: PairingRecord = {
        secretHash: hashSecret(secret),
        address,
        build,
        createdAt: now,
        expiresAt: now + PAIRING_SECONDS * 1000,
        wallId: null,
      };
      const ok = await this.redis.set(this.keys.pairing(code), JSON.stringify(rec), {
        condition: 'NX',
        expiration: { type: 'EX', value: PAIRING_SECONDS },
      });
      if (ok === 'OK') {
        await this.redis.zAdd(this.keys.pairings, { score: rec.expiresAt, value: code });
        return { code, secret, rec };
      }
    }
  }

  async pairing(code: string): Promise<PairingRecord | null> {
    if (!CODE_FORMAT.test(code)) return null;
    return safeJson<PairingRecord>(await this.redis.get(this.keys.pairing(code)));
  }

  /** The pairing this cookie (`<code>.<secret>`) holds, when it is still there. */
  async pairingOf(cookie: string | undefined): Promise<{ code: string; rec: PairingRecord } | null> {
    const [code, secret] = (cookie ?? '').split('.');
    if (!code || !secret) return null;
    const rec = await this.pairing(code);
    return rec && sameHash(rec.secretHash, hashSecret(secret)) ? { code, rec } : null;
  }

  /** Codes waiting for an admin, oldest first. */
  async pending(): Promise<Array<{ code: string } & Omit<PairingRecord, 'secretHash' | 'wallId'>>> {
    await this.redis.zRemRangeByScore(this.keys.pairings, 0, Date.now());
    const codes = await this.redis.zRange(this.keys.pairings, 0, 199);
    const out = [];
    for (const code of codes) {
      const rec = await this.pairing(code);
      if (rec && rec.wallId === null)
        out.push({ code, address: rec.address, build: rec.build, createdAt: rec.createdAt, expiresAt: rec.expiresAt });
    }
    return out;
  }

  /** An admin approves a code and names the wall: answers the new wall's id, or null for an unknown code. */
  async approve(code: string, name: string, by: string): Promise<{ id: string; rec: PairingRecord } | null> {
    const rec = await this.pairing(code);
    if (!rec || rec.wallId !== null) return null;
    const id = `w-${randomBytes(6).toString('hex')}`;
    const wall: WallRecord = {
      name,
      secretHash: null,
      pairedAt: Date.now(),
      pairedBy: by,
      lastSeen: null,
      address: rec.address,
      build: rec.build,
    };
    await this.redis.hSet(this.keys.walls, id, JSON.stringify(wall));
    const ttl = Math.max(1, Math.ceil((rec.expiresAt - Date.now()) / 1000));
    await this.redis.set(this.keys.pairing(code), JSON.stringify({ ...rec, wallId: id }), { expiration: { type: 'EX', value: ttl } });
    await this.redis.zRem(this.keys.pairings, code);
    return { id, rec };
  }

  /**
   * The wall collects its credential: once, for an approved pairing (the pairing is deleted first,
   * so two polls at once cannot both collect it).
   */
  async collect(code: string, rec: PairingRecord): Promise<{ id: string; name: string; cookie: string } | null> {
    if (rec.wallId === null) return null;
    if ((await this.redis.del(this.keys.pairing(code))) !== 1) return null;
    const wall = await this.wall(rec.wallId);
    if (!wall) return null;
    const secret = newSecret();
    await this.redis.hSet(this.keys.walls, rec.wallId, JSON.stringify({ ...wall, secretHash: hashSecret(secret) }));
    return { id: rec.wallId, name: wall.name, cookie: `${rec.wallId}.${secret}` };
  }

  async cancelPairing(code: string): Promise<void> {
    await this.redis.del(this.keys.pairing(code));
    await this.redis.zRem(this.keys.pairings, code);
  }

  // ---- paired walls ----

  async wall(id: string): Promise<WallRecord | null> {
    if (!/^w-[0-9a-f]{12}$/.test(id)) return null;
    return safeJson<WallRecord>(await this.redis.hGet(this.keys.walls, id));
  }

  /** The wall this device cookie belongs to, or null. */
  async byCookie(cookie: string | undefined): Promise<{ id: string; rec: WallRecord } | null> {
    const [id, secret] = (cookie ?? '').split('.');
    if (!id || !secret) return null;
    const rec = await this.wall(id);
    if (!rec || rec.secretHash === null || !sameHash(rec.secretHash, hashSecret(secret))) return null;
    return { id, rec };
  }

  async all(): Promise<Map<string, WallRecord>> {
    const raw = await this.redis.hGetAll(this.keys.walls);
    const m = new Map<string, WallRecord>();
    for (const [id, json] of Object.entries(raw)) {
      const r = safeJson<WallRecord>(json);
      if (r) m.set(id, r);
    }
    return m;
  }

  async list(): Promise<WallRow[]> {
    const seen = await this.redis.hGetAll(this.keys.wallsSeen);
    return [...(await this.all())]
      .map(([id, { secretHash: _s, ...r }]) => ({ id, ...r, ...safeJson<Seen>(seen[id]) }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  /**
   * Seen now from this address and build (the admin page lists them). Kept apart from the wall's
   * record, so a wall revoked meanwhile is never written back.
   */
  async seen(ids: Array<{ id: string; address: string; build: string | null }>): Promise<void> {
    if (ids.length === 0) return;
    const now = Date.now();
    const fields: Record<string, string> = {};
    for (const w of ids)
      fields[w.id] = JSON.stringify({ lastSeen: now, address: w.address, ...(w.build ? { build: w.build } : {}) } satisfies Seen);
    await this.redis.hSet(this.keys.wallsSeen, fields);
  }

  async revoke(id: string): Promise<WallRecord | null> {
    const rec = await this.wall(id);
    if (!rec) return null;
    await this.redis.hDel(this.keys.walls, id);
    await this.redis.hDel(this.keys.wallsSeen, id);
    return rec;
  }
}
