// The operations settings of the environment (README, "Operations"): which browser origins may open
// a socket, who may read /metrics without a token, the log level, how long a shutdown waits for
// requests in flight. Parsed with the rest of the configuration (config/env.ts); a bad value is one
// line of error and the server refuses to start.
import { BlockList, isIP } from 'node:net';

export interface OpsEnv {
  /** Browser origins (scheme://host[:port]) allowed to open a Socket.IO connection besides the page's own. */
  origins: string[];
  /** Addresses (and IPv4/IPv6 subnets) that may read /metrics without a token, on a direct connection. */
  metricsAllow: BlockList;
  /** What HOTLINE_METRICS_ALLOW said, for the start-up line. */
  metricsAllowText: string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** SIGTERM: how long requests in flight may take to finish before the rest is closed. */
  shutdownMs: number;
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function parseOpsEnv(get: (k: string) => string | undefined, errors: string[]): OpsEnv {
  const list = (k: string) =>
    (get(k) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);

  const origins: string[] = [];
  for (const o of list('HOTLINE_ORIGINS')) {
    let u: URL | null;
    try {
      u = new URL(o);
    } catch {
      u = null;
    }
    if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:') || u.origin !== o.replace(/\/$/, '')) {
      errors.push(`HOTLINE_ORIGINS: "${o}" must be an origin such as https://screen.example.gov.cn (scheme, host, optional port)`);
    } else origins.push(u.origin);
  }

  const metricsAllow = new BlockList();
  const metricsAllowText = list('HOTLINE_METRICS_ALLOW');
  for (const a of metricsAllowText) {
    const [addr, bits, ...rest] = a.split('/');
    const family = isIP(addr);
    const prefix = bits === undefined ? null : Number(bits);
    const max = family === 6 ? 128 : 32;
    if (family === 0 || rest.length > 0 || (prefix !== null && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= max))) {
      errors.push(`HOTLINE_METRICS_ALLOW: "${a}" must be an IP address or a subnet such as 10.0.0.0/8`);
      continue;
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === null) metricsAllow.addAddress(addr, type);
    else metricsAllow.addSubnet(addr, prefix, type);
  }

  const level = (get('LOG_LEVEL') ?? 'info').trim().toLowerCase();
  if (!(LEVELS as readonly string[]).includes(level)) errors.push(`LOG_LEVEL="${level}": must be one of ${LEVELS.join(', ')}`);

  const rawMs = get('HOTLINE_SHUTDOWN_MS') ?? '8000';
  const shutdownMs = /^\d+$/.test(rawMs.trim()) ? Number(rawMs) : NaN;
  if (!(shutdownMs >= 0 && shutdownMs <= 120_000))
    errors.push(`HOTLINE_SHUTDOWN_MS="${rawMs}": must be a whole number of milliseconds, at most 120000`);

  return { origins, metricsAllow, metricsAllowText, logLevel: level as OpsEnv['logLevel'], shutdownMs };
}

/** An address as the socket gives it (IPv4-mapped IPv6 included) checked against the list. */
export function addressAllowed(list: BlockList, address: string | undefined): boolean {
  if (!address) return false;
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (v4) return list.check(v4, 'ipv4');
  return list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}
