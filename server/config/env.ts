// The server's configuration, read once from the environment at start-up and validated: a bad value
// gives one clear line and the server refuses to start (it never runs on a guess).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import proxyaddr from 'proxy-addr';
import { z } from 'zod';
import { ConfigSchema, type Config } from '../../shared/config.ts';
import { parseTokens, type TokenTable } from './tokens.ts';
import { parseOpsEnv, type OpsEnv } from '../ops/env.ts';

export interface ServerEnv {
  tokens: TokenTable;
  redisUrl: string;
  port: number;
  host: string;
  stream: string;
  tz: string;
  clock: 'wall' | 'event';
  pushMs: number;
  /** The rules' numbers and the city: HOTLINE_CONFIG's file, or the contract's defaults. */
  config: Config;
  configFile: string | null;
  instance: string;
  staticDir: string;
  /** HOTLINE_TOKENS_FILE: named people (role, label, token hash, expiry), read again when it changes. */
  tokensFile: string | null;
  /** How long a person's browser session lasts. */
  sessionSeconds: number;
  /** HOTLINE_TRUST_PROXY: proxies whose X-Forwarded-For names the client (proxy-addr's names, addresses, subnets). */
  trustProxy: string[];
  /** Failed sign-ins an address may make within the window before it gets 429. */
  authFailures: { max: number; windowMs: number };
  /** Origins, /metrics access, log level, shutdown (server/ops/env.ts). */
  ops: OpsEnv;
  /** HOTLINE_ANALYSIS_SECRET: the key of the callers' HMAC (repeat callers); null: callers not compared. */
  analysisSecret: string | null;
}

export const ENV_DEFAULTS = {
  REDIS_URL: 'redis://127.0.0.1:6379',
  PORT: '8080',
  HOST: '0.0.0.0',
  HOTLINE_STREAM: 'hotline:events',
  HOTLINE_TZ: 'Asia/Shanghai',
  HOTLINE_CLOCK: 'wall',
  HOTLINE_PUSH_MS: '500',
  HOTLINE_INSTANCE: 'main',
  HOTLINE_STATIC: 'dist/client',
  HOTLINE_SESSION_HOURS: '12',
  HOTLINE_TRUST_PROXY: 'none',
  HOTLINE_AUTH_MAX_FAILURES: '10',
  HOTLINE_AUTH_WINDOW_S: '900',
} as const;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const intString = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `at least ${min}`).max(max, `at most ${max}`));

/** Everything but the tokens and the config file, which have their own checks below. */
const EnvSchema = z.object({
  REDIS_URL: z
    .string()
    .trim()
    .regex(/^rediss?:\/\/\S+$/, 'a redis:// or rediss:// URL'),
  PORT: intString(0, 65535),
  HOST: z.string().trim().min(1, 'a host name or address'),
  HOTLINE_STREAM: z.string().trim().min(1, 'a stream key').max(200),
  HOTLINE_TZ: z.string().trim().refine(isTimeZone, 'an IANA time zone this Node.js knows, e.g. Asia/Shanghai'),
  HOTLINE_CLOCK: z.enum(['wall', 'event'], 'wall or event'),
  HOTLINE_PUSH_MS: intString(10, 60_000),
  // Names the consumer group and the key prefix: keep it short and free of spaces and colons.
  HOTLINE_INSTANCE: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, '1-64 letters, digits, _ . or -'),
  HOTLINE_STATIC: z.string().trim().min(1),
  HOTLINE_SESSION_HOURS: intString(1, 24 * 30),
  HOTLINE_TRUST_PROXY: z
    .string()
    .trim()
    .refine(validTrust, 'none, or a comma-separated list of loopback, linklocal, uniquelocal, addresses or subnets (CIDR)'),
  HOTLINE_AUTH_MAX_FAILURES: intString(1, 10_000),
  HOTLINE_AUTH_WINDOW_S: intString(1, 86_400),
});

function trustList(v: string): string[] {
  return v === 'none'
    ? []
    : v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
}

function validTrust(v: string): boolean {
  try {
    proxyaddr.compile(trustList(v));
    return true;
  } catch {
    return false;
  }
}

export type EnvInput = NodeJS.ProcessEnv | Record<string, string | undefined>;

export type EnvResult = { ok: true; env: ServerEnv } | { ok: false; errors: string[] };

/** Parse and validate; never throws. Empty strings count as unset (shells make them easily). */
export function parseEnv(input: EnvInput): EnvResult {
  const errors: string[] = [];
  const get = (k: string) => {
    const v = input[k];
    return v === undefined || v.trim() === '' ? undefined : v;
  };
  const raw = Object.fromEntries(Object.entries(ENV_DEFAULTS).map(([k, d]) => [k, get(k) ?? d])) as Record<
    keyof typeof ENV_DEFAULTS,
    string
  >;

  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]);
      errors.push(`${key}=${JSON.stringify(raw[key as keyof typeof raw])}: must be ${issue.message}`);
    }
  }

  const tokensRaw = get('HOTLINE_TOKENS');
  const tokensFile = get('HOTLINE_TOKENS_FILE')?.trim() ?? null;
  let tokens: TokenTable = new Map();
  if (tokensRaw === undefined) {
    if (tokensFile === null) {
      errors.push(
        'HOTLINE_TOKENS: required unless HOTLINE_TOKENS_FILE names a token file (comma-separated role:token or role:token:label; roles wall, leader, admin)',
      );
    }
  } else {
    const t = parseTokens(tokensRaw);
    tokens = t.tokens;
    errors.push(...t.errors);
  }

  const analysisSecret = get('HOTLINE_ANALYSIS_SECRET')?.trim() ?? null;
  if (analysisSecret !== null && analysisSecret.length < 16) errors.push('HOTLINE_ANALYSIS_SECRET: must be at least 16 characters');

  const configFile = get('HOTLINE_CONFIG') ?? null;
  const config = readConfig(configFile, errors);
  const ops = parseOpsEnv(get, errors);

  if (errors.length > 0 || !parsed.success || !config) return { ok: false, errors };
  const e = parsed.data;
  return {
    ok: true,
    env: {
      tokens,
      redisUrl: e.REDIS_URL,
      port: e.PORT,
      host: e.HOST,
      stream: e.HOTLINE_STREAM,
      tz: e.HOTLINE_TZ,
      clock: e.HOTLINE_CLOCK,
      pushMs: e.HOTLINE_PUSH_MS,
      config,
      configFile,
      instance: e.HOTLINE_INSTANCE,
      staticDir: resolve(e.HOTLINE_STATIC),
      tokensFile: tokensFile === null ? null : resolve(tokensFile),
      sessionSeconds: e.HOTLINE_SESSION_HOURS * 3600,
      trustProxy: trustList(e.HOTLINE_TRUST_PROXY),
      authFailures: { max: e.HOTLINE_AUTH_MAX_FAILURES, windowMs: e.HOTLINE_AUTH_WINDOW_S * 1000 },
      ops,
      analysisSecret,
    },
  };
}

function readConfig(file: string | null, errors: string[]): Config | null {
  if (file === null) return ConfigSchema.parse({});
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    errors.push(`HOTLINE_CONFIG=${file}: cannot read it as JSON (${(err as Error).message})`);
    return null;
  }
  const parsed = ConfigSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    errors.push(`HOTLINE_CONFIG=${file}: ${path}: ${issue.message}`);
  }
  return null;
}

/** Thrown by startServer when the environment is invalid; carries one line per problem. */
export class ConfigError extends Error {
  constructor(readonly errors: string[]) {
    super(`invalid configuration:\n${errors.join('\n')}`);
    this.name = 'ConfigError';
  }
}
