// Access: who is calling, from which address, with what. One place answers it for HTTP and for
// Socket.IO alike: a Bearer token or the handshake's auth.token (programs, and a page's first
// look), a person's session cookie, or a paired wall's device cookie. Failed token tries are
// limited per address and written to the audit trail.
import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';
import type { Role } from '../../shared/contract/snapshot.ts';
import type { Principal } from '../config/tokens.ts';
import type { Keys } from '../store/keys.ts';
import type { RedisClient } from '../store/redis.ts';
import type { Logger } from '../util/log.ts';
import { AuditLog } from './audit.ts';
import { COOKIE, readCookies } from './cookies.ts';
import { FailureLimiter } from './limiter.ts';
import { Directory, type Person } from './people.ts';
import { Sessions } from './sessions.ts';
import { Walls, type WallRecord } from './walls.ts';

export interface Caller extends Principal {
  via: 'token' | 'session' | 'wall';
  /** The person's id, or the paired wall's id. */
  id: string;
  /** The person's token hash (token and session callers); null for a paired wall. */
  person: string | null;
  /** A paired wall's name (what focus uses); null otherwise. */
  wall: string | null;
  address: string;
}

export type AuthResult =
  | { ok: true; caller: Caller }
  | { ok: false; status: 401 | 429; error: string; retryAfter?: number; reason: 'missing' | 'unknown' | 'limited' };

export interface AccessOptions {
  redis: RedisClient;
  keys: Keys;
  tz: string;
  log: Logger;
  directory: Directory;
  sessionSeconds: number;
  trustProxy: string[];
  failures: { max: number; windowMs: number };
}

export interface Credentials {
  token: string | null;
  cookieHeader: string | undefined;
}

export class Access {
  readonly directory: Directory;
  readonly sessions: Sessions;
  readonly walls: Walls;
  readonly audit: AuditLog;
  readonly limiter: FailureLimiter;
  /** New pairings per address: a screen asks for one, not hundreds. */
  readonly pairingLimiter: FailureLimiter;
  readonly #trust: ReturnType<typeof proxyaddr.compile>;

  constructor(private readonly o: AccessOptions) {
    this.directory = o.directory;
    this.sessions = new Sessions(o.redis, o.keys, o.sessionSeconds);
    this.walls = new Walls(o.redis, o.keys);
    this.audit = new AuditLog(o.redis, o.keys, o.tz, o.log);
    this.limiter = new FailureLimiter(o.failures);
    this.pairingLimiter = new FailureLimiter({ max: 30, windowMs: 600_000 });
    this.#trust = proxyaddr.compile(o.trustProxy);
  }

  /** The caller's address: the peer's, or the client's as trusted proxies (HOTLINE_TRUST_PROXY) report it. */
  address(req: IncomingMessage): string {
    let a: string;
    try {
      a = proxyaddr(req as Parameters<typeof proxyaddr>[0], this.#trust);
    } catch {
      a = req.socket.remoteAddress ?? '';
    }
    return a.startsWith('::ffff:') ? a.slice(7) : a;
  }

  /** A token tried by someone: the caller, or a 401/429 (counted, logged and audited). */
  tryToken(token: string, address: string): AuthResult {
    const wait = this.limiter.retryAfter(address);
    if (wait > 0)
      return {
        ok: false,
        status: 429,
        error: 'too many failed sign-ins from this address: try again later',
        retryAfter: wait,
        reason: 'limited',
      };
    const p = this.directory.byToken(token);
    if (p) return { ok: true, caller: personCaller(p, 'token', address) };
    this.failed(address, 'unknown token');
    return { ok: false, status: 401, error: 'unknown token', reason: 'unknown' };
  }

  /** A failed sign-in: counted against the address, logged, audited (until the address is blocked). */
  failed(address: string, why: string): void {
    const blockedNow = this.limiter.fail(address);
    this.o.log.warn(`sign-in failed from ${address}: ${why}${blockedNow ? ' (address now blocked for a while)' : ''}`);
    this.audit.note(null, address, blockedNow ? 'signin.blocked' : 'signin.failed', '', why);
  }

  /** Whoever these credentials name: a token first, then a session, then a paired wall. */
  async resolve(c: Credentials, address: string): Promise<AuthResult> {
    if (c.token !== null) return this.tryToken(c.token, address);
    const cookies = readCookies(c.cookieHeader);
    const sid = cookies[COOKIE.session];
    if (sid) {
      const s = await this.sessions.get(sid);
      const p = s ? this.directory.byHash(s.person) : null;
      if (p) return { ok: true, caller: personCaller(p, 'session', address) };
    }
    const wall = await this.walls.byCookie(cookies[COOKIE.wall]);
    if (wall) return { ok: true, caller: wallCaller(wall.id, wall.rec, address) };
    const had = Boolean(sid || cookies[COOKIE.wall]);
    return {
      ok: false,
      status: 401,
      error: had ? 'session ended or wall revoked: sign in again' : 'missing credential',
      reason: 'missing',
    };
  }

  /** What the periodic check needs: the people (refreshed) and the walls that exist now. */
  async current(): Promise<{ walls: Map<string, WallRecord> }> {
    await this.directory.refresh();
    this.limiter.prune();
    this.pairingLimiter.prune();
    return { walls: await this.walls.all() };
  }

  /** Whether a connected caller may stay: their person not revoked nor expired, their wall still paired. */
  stillValid(c: Caller, now: { walls: Map<string, WallRecord> }): boolean {
    if (c.via === 'wall') return now.walls.has(c.id);
    return c.person !== null && this.directory.byHash(c.person) !== null;
  }
}

function personCaller(p: Person, via: 'token' | 'session', address: string): Caller {
  return { role: p.role, label: p.label, via, id: p.id, person: p.hash, wall: null, address };
}

function wallCaller(id: string, rec: WallRecord, address: string): Caller {
  return { role: 'wall' as Role, label: rec.name, via: 'wall', id, person: null, wall: rec.name, address };
}
