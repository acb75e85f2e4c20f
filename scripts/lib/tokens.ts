// npm start's access tokens: generated once (crypto random) and kept in data/tokens.json so walls
// keep working across restarts; HOTLINE_TOKENS, when given, wins.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StartTokens {
  /** The HOTLINE_TOKENS value for the server. */
  env: string;
  /** First token of each role, for the printed URLs (null when that role has none). */
  wall: string | null;
  leader: string | null;
  admin: string | null;
  source: string;
}

const LABELS = { wall: '指挥大厅', leader: '值班领导', admin: '管理员' } as const;
type Role = keyof typeof LABELS;

function firstOfRole(env: string, role: Role): string | null {
  for (const entry of env.split(',')) {
    const [r, token] = entry.trim().split(':');
    if (r === role && token) return token;
  }
  return null;
}

function fromEnv(env: string, source: string): StartTokens {
  return { env, wall: firstOfRole(env, 'wall'), leader: firstOfRole(env, 'leader'), admin: firstOfRole(env, 'admin'), source };
}

export function startTokens(dataDir: string, given = process.env.HOTLINE_TOKENS): StartTokens {
  if (given && given.trim() !== '') return fromEnv(given, 'HOTLINE_TOKENS');
  const file = join(dataDir, 'tokens.json');
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Record<Role, string>;
    if (saved.wall && saved.leader && saved.admin) return build(saved, file);
  }
  const fresh = { wall: token(), leader: token(), admin: token() };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(fresh, null, 2)}\n`, { mode: 0o600 });
  return build(fresh, `${file} (new)`);
}

function build(t: Record<Role, string>, source: string): StartTokens {
  const env = (Object.keys(LABELS) as Role[]).map((r) => `${r}:${t[r]}:${LABELS[r]}`).join(',');
  return fromEnv(env, source);
}

const token = () => randomBytes(18).toString('base64url');
