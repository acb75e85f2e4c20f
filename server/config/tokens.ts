// HOTLINE_TOKENS: a comma-separated list of `role:token` or `role:token:label` (metrics.md, "Read
// interface"). Parsed into a lookup table; every bad entry gives one line of error.
import type { Role } from '../../shared/contract/snapshot.ts';
import { MIN_TOKEN_BITS, tokenBits } from '../access/secret.ts';

export const ROLES: readonly Role[] = ['wall', 'leader', 'admin'];

export interface Principal {
  role: Role;
  label: string | null;
}

export type TokenTable = ReadonlyMap<string, Principal>;

export function parseTokens(raw: string): { tokens: TokenTable; errors: string[] } {
  const tokens = new Map<string, Principal>();
  const errors: string[] = [];
  const entries = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (entries.length === 0) errors.push('HOTLINE_TOKENS: no token given (expected role:token or role:token:label, comma-separated)');
  entries.forEach((entry, i) => {
    const [role, token, ...rest] = entry.split(':');
    // A label may itself contain colons: everything after the second one.
    const label = rest.length > 0 ? rest.join(':').trim() : '';
    const where = `HOTLINE_TOKENS entry ${i + 1}`;
    if (!ROLES.includes(role as Role)) {
      errors.push(`${where}: role "${role}" is not one of ${ROLES.join(', ')}`);
      return;
    }
    if (!token || token.trim() !== token) {
      errors.push(`${where}: the token is empty or has surrounding spaces`);
      return;
    }
    const bits = tokenBits(token);
    if (bits < MIN_TOKEN_BITS) {
      errors.push(
        `${where}: the ${role} token is too short to be secret (about ${Math.floor(bits)} bits, at least ${MIN_TOKEN_BITS} needed: 22+ random base64url characters, e.g. openssl rand -base64 24 | tr '+/' '-_')`,
      );
      return;
    }
    if (tokens.has(token)) {
      errors.push(`${where}: the same token is given twice`);
      return;
    }
    tokens.set(token, { role: role as Role, label: label.length > 0 ? label : null });
  });
  return { tokens, errors };
}

/** `by` of a supervision event and of a focus: the role, plus ":" and the label when configured. */
export function principalName(p: Principal): string {
  return p.label ? `${p.role}:${p.label}` : p.role;
}

/** What each role may do; `admin` may do all a leader may. */
export const CAN = {
  read: ['wall', 'leader', 'admin'],
  ticketDetail: ['leader', 'admin'],
  supervise: ['leader', 'admin'],
  focus: ['leader', 'admin'],
  analysis: ['leader', 'admin'],
  admin: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export function may(role: Role, what: keyof typeof CAN): boolean {
  return (CAN[what] as readonly Role[]).includes(role);
}
