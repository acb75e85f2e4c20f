// The audit trail: an append-only Redis stream, one entry per action that matters (who looked at a
// citizen's ticket, supervised, focused, exported, reloaded, paired or revoked, failed to sign in).
// Each entry: time, person (label), role, address, action, target and a short detail; never a
// token. Nothing in the product deletes or trims it.
import type { Role } from '../../shared/contract/snapshot.ts';
import type { Keys } from '../store/keys.ts';
import type { RedisClient } from '../store/redis.ts';
import type { Logger } from '../util/log.ts';
import { formatLocalIso } from '../util/time.ts';

export const AUDIT_ACTIONS = [
  'ticket.view',
  'ticket.supervise',
  'focus.set',
  'focus.release',
  'export.csv',
  'export.xlsx',
  'audit.export',
  'screens.reload',
  'signin',
  'signin.failed',
  'signin.blocked',
  'signout',
  'wall.pair',
  'wall.paired',
  'wall.revoke',
  'person.add',
  'person.revoke',
  'tokens.reload',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditRecord {
  /** The stream entry id (its time in ms, then a counter). */
  id: string;
  at: string;
  label: string;
  role: Role | '';
  address: string;
  action: AuditAction;
  target: string;
  detail: string;
}

export interface Actor {
  role: Role | '';
  label: string | null;
}

export const SYSTEM: Actor = { role: '', label: 'system' };

export interface AuditFilter {
  fromMs?: number;
  toMs?: number;
  action?: string;
  label?: string;
  target?: string;
  address?: string;
  /** Entries older than this id only (paging). */
  before?: string;
}

export class AuditLog {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly tz: string,
    private readonly log: Logger,
  ) {}

  /** Append one record. Rejects when Redis does (callers that must not go on without a record await it). */
  async record(who: Actor | null, address: string, action: AuditAction, target = '', detail = ''): Promise<void> {
    const a = who ?? { role: '', label: null };
    const now = Date.now();
    await this.redis.xAdd(this.keys.audit, '*', {
      at: formatLocalIso(now, this.tz),
      label: a.label ?? a.role ?? '',
      role: a.role,
      address,
      action,
      target: target.slice(0, 200),
      detail: detail.slice(0, 200),
    });
  }

  /** Record without waiting; a failure is logged (the action went ahead). */
  note(who: Actor | null, address: string, action: AuditAction, target = '', detail = ''): void {
    this.record(who, address, action, target, detail).catch((err: Error) =>
      this.log.error(`audit: could not record ${action} ${target} (${err.message})`),
    );
  }

  /**
   * Newest first, filtered; at most `limit` records, scanning at most `scanMax` entries. `next` is
   * the `before` for the following page, null when there is none.
   */
  async query(f: AuditFilter, limit: number, scanMax = 200_000): Promise<{ items: AuditRecord[]; next: string | null }> {
    const items: AuditRecord[] = [];
    let end = f.before ? `(${f.before}` : f.toMs !== undefined ? `${f.toMs}` : '+';
    const start = f.fromMs !== undefined ? `${f.fromMs}` : '-';
    let scanned = 0;
    const match = (r: AuditRecord) =>
      (!f.action || r.action === f.action || (f.action.endsWith('.') && r.action.startsWith(f.action))) &&
      (!f.label || r.label.includes(f.label)) &&
      (!f.target || r.target === f.target) &&
      (!f.address || r.address === f.address);
    while (scanned < scanMax) {
      const page = (await this.redis.xRevRange(this.keys.audit, end, start, { COUNT: 500 })) ?? [];
      if (page.length === 0) return { items, next: null };
      for (const e of page) {
        scanned++;
        const r = { id: e.id, ...(e.message as Omit<AuditRecord, 'id'>) };
        if (match(r)) {
          items.push(r);
          if (items.length >= limit) return { items, next: e.id };
        }
      }
      end = `(${page[page.length - 1]!.id}`;
      if (page.length < 500) return { items, next: null };
    }
    return { items, next: end.slice(1) };
  }
}
