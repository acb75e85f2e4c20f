// The pure parts of server/ops: the settings' checks, the origin rule, the per-session bucket, the
// URL as logged, the Redis URL as printed.
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { originAllowed } from '../http/security.ts';
import { addressAllowed, parseOpsEnv } from './env.ts';
import { perSessionLimit } from './limits.ts';
import { redactUrl } from './redact.ts';
import { loggableUrl } from './request-log.ts';

const parse = (env: Record<string, string>) => {
  const errors: string[] = [];
  const ops = parseOpsEnv((k) => env[k], errors);
  return { ops, errors };
};

describe('ops settings', () => {
  it('reads origins, metrics addresses and subnets, the log level and the shutdown wait', () => {
    const { ops, errors } = parse({
      HOTLINE_ORIGINS: 'https://a.example, http://b.example:8080',
      HOTLINE_METRICS_ALLOW: '127.0.0.1, 10.0.0.0/8, ::1',
      LOG_LEVEL: 'debug',
      HOTLINE_SHUTDOWN_MS: '3000',
    });
    expect(errors).toEqual([]);
    expect(ops.origins).toEqual(['https://a.example', 'http://b.example:8080']);
    expect(ops.logLevel).toBe('debug');
    expect(ops.shutdownMs).toBe(3000);
    expect(addressAllowed(ops.metricsAllow, '127.0.0.1')).toBe(true);
    expect(addressAllowed(ops.metricsAllow, '::ffff:10.2.3.4')).toBe(true);
    expect(addressAllowed(ops.metricsAllow, '::1')).toBe(true);
    expect(addressAllowed(ops.metricsAllow, '192.168.1.1')).toBe(false);
    expect(addressAllowed(ops.metricsAllow, undefined)).toBe(false);
  });

  it('defaults: no extra origin, nobody without a token, info, 8 s', () => {
    const { ops, errors } = parse({});
    expect(errors).toEqual([]);
    expect(ops.origins).toEqual([]);
    expect(addressAllowed(ops.metricsAllow, '127.0.0.1')).toBe(false);
    expect([ops.logLevel, ops.shutdownMs]).toEqual(['info', 8000]);
  });

  it('one line per bad value', () => {
    const { errors } = parse({
      HOTLINE_ORIGINS: 'evil.example,https://a.example/path',
      HOTLINE_METRICS_ALLOW: 'localhost,10.0.0.0/33',
      LOG_LEVEL: 'loud',
      HOTLINE_SHUTDOWN_MS: '-1',
    });
    expect(errors).toHaveLength(6);
  });
});

describe('the Socket.IO origin rule', () => {
  const req = (headers: Record<string, string>) => ({ headers });
  it('lets programs (no Origin), the page’s own host and the allowlist in; nothing else', () => {
    expect(originAllowed(req({ host: 'h:1' }), [])).toBe(true);
    expect(originAllowed(req({ host: 'h:1', origin: 'http://h:1' }), [])).toBe(true);
    expect(originAllowed(req({ host: '127.0.0.1:8080', origin: 'https://wall.gov', 'x-forwarded-host': 'wall.gov' }), [])).toBe(true);
    expect(originAllowed(req({ host: 'h:1', origin: 'https://ok.gov' }), ['https://ok.gov'])).toBe(true);
    expect(originAllowed(req({ host: 'h:1', origin: 'https://h:1.evil' }), [])).toBe(false);
    expect(originAllowed(req({ host: 'h:1', origin: 'null' }), [])).toBe(false);
  });
});

describe('perSessionLimit', () => {
  const run = (limit: ReturnType<typeof perSessionLimit>, principal: object) => {
    let status = 200;
    let closed: (() => void) | null = null;
    const res = {
      locals: { principal },
      status(s: number) {
        status = s;
        return this;
      },
      set() {
        return this;
      },
      json() {
        return this;
      },
      once(_e: string, f: () => void) {
        closed = f;
      },
    } as unknown as Response;
    let passed = false;
    limit({ ip: '127.0.0.1' } as Request, res, () => (passed = true));
    return { status: passed ? 200 : status, finish: () => closed?.() };
  };

  it('a burst, then one request per refill; each person has their own bucket', () => {
    let t = 0;
    const limit = perSessionLimit({ burst: 2, perSecond: 1 }, () => t);
    const a = { role: 'leader', label: 'A' };
    const b = { role: 'leader', label: 'B' };
    expect([run(limit, a), run(limit, a), run(limit, a)].map((r) => (r.finish(), r.status))).toEqual([200, 200, 429]);
    expect(run(limit, b).status).toBe(200);
    t = 999;
    expect(run(limit, a).status).toBe(429);
    t = 1000;
    expect(run(limit, a).status).toBe(200);
  });

  it('at most `concurrent` at once for one person', () => {
    const limit = perSessionLimit({ burst: 10, perSecond: 1, concurrent: 1 }, () => 0);
    const a = { role: 'leader', label: 'A' };
    const first = run(limit, a);
    expect(first.status).toBe(200);
    expect(run(limit, a).status).toBe(429);
    first.finish();
    expect(run(limit, a).status).toBe(200);
  });
});

describe('what is printed', () => {
  it('a token in a logged URL is starred out', () => {
    expect(loggableUrl('/?token=abc&wall=hall')).toBe('/?token=***&wall=hall');
    expect(loggableUrl('/api/v1/snapshot')).toBe('/api/v1/snapshot');
  });
  it('a Redis URL never shows its password', () => {
    expect(redactUrl('redis://:s3cret@127.0.0.1:6379')).toBe('redis://***@127.0.0.1:6379');
    expect(redactUrl('rediss://user:s3cret@r.example:6380/0')).toBe('rediss://***@r.example:6380/0');
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});
