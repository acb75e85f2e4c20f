// HOTLINE_TOKENS_FILE: the named people who may sign in (leaders, admins, and walls run as programs),
// each with a role, a label naming the person, their token's hash (never the token) and an optional
// expiry. JSON, so editors and scripts/token.ts write it alike:
//   { "people": [ { "role": "leader", "label": "张主任", "tokenHash": "sha256:…", "expires": "2027-06-30" } ] }
// `expires` is a date (valid to the end of that local day) or an ISO 8601 time with its offset.
import { z } from 'zod';
import type { Role } from '../../shared/contract/snapshot.ts';
import { dayOfDate, makeZone } from '../../shared/domain/index.ts';
import { ROLES } from '../config/tokens.ts';
import { HASH_FORMAT } from './secret.ts';

export interface FilePerson {
  role: Role;
  label: string;
  hash: string;
  expiresAt: number | null;
}

const Entry = z.object({
  role: z.enum(ROLES as [Role, ...Role[]]),
  label: z.string().trim().min(1, 'a label naming the person').max(64),
  tokenHash: z.string().trim().regex(HASH_FORMAT, 'sha256: and 64 lowercase hex digits (scripts/token.ts writes it)'),
  expires: z.string().trim().optional(),
});
const FileSchema = z.object({ people: z.array(z.unknown()) });

/** Milliseconds of an `expires` value, or null when it is not a date or a time with an offset. */
export function parseExpiry(raw: string, tz: string): number | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
    const day = dayOfDate(raw);
    return day === null ? null : makeZone(tz).startOfDay(day + 1);
  }
  if (!/[zZ]|[+-]\d{2}:?\d{2}$/.test(raw)) return null;
  const ms = Date.parse(raw);
  return Number.isFinite(ms) ? ms : null;
}

export function parseTokensFile(text: string, tz: string, name = 'HOTLINE_TOKENS_FILE'): { people: FilePerson[]; errors: string[] } {
  const errors: string[] = [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { people: [], errors: [`${name}: not valid JSON (${(err as Error).message})`] };
  }
  const top = FileSchema.safeParse(json);
  if (!top.success) return { people: [], errors: [`${name}: expected { "people": [ … ] }`] };
  const people: FilePerson[] = [];
  const seen = new Set<string>();
  top.data.people.forEach((raw, i) => {
    const where = `${name} people[${i}]`;
    const e = Entry.safeParse(raw);
    if (!e.success) {
      const issue = e.error.issues[0]!;
      errors.push(`${where}: ${issue.path.join('.') || 'entry'}: ${issue.message}`);
      return;
    }
    let expiresAt: number | null = null;
    if (e.data.expires !== undefined && e.data.expires !== '') {
      expiresAt = parseExpiry(e.data.expires, tz);
      if (expiresAt === null) {
        errors.push(`${where}: expires: a date YYYY-MM-DD or an ISO 8601 time with its offset`);
        return;
      }
    }
    if (seen.has(e.data.tokenHash)) {
      errors.push(`${where}: the same tokenHash is given twice`);
      return;
    }
    seen.add(e.data.tokenHash);
    people.push({ role: e.data.role, label: e.data.label, hash: e.data.tokenHash, expiresAt });
  });
  return { people, errors };
}
