// The pure parts of access: token strength, the token file, the failed sign-in window.
import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './limiter.ts';
import { hashSecret, MIN_TOKEN_BITS, newSecret, personId, tokenBits } from './secret.ts';
import { parseExpiry, parseTokensFile } from './token-file.ts';

describe('tokenBits', () => {
  it('passes what newSecret and npm start make, refuses short, hex-short and repetitive tokens', () => {
    expect(tokenBits(newSecret())).toBeGreaterThanOrEqual(MIN_TOKEN_BITS);
    expect(tokenBits('qHqbqqvjtgRHsAUb-VQNlxDt')).toBeGreaterThanOrEqual(MIN_TOKEN_BITS); // 18 random bytes
    expect(tokenBits('0123456789abcdef0123456789abcdef')).toBe(128);
    expect(tokenBits('0123456789abcdef0123456789abcde')).toBeLessThan(MIN_TOKEN_BITS);
    expect(tokenBits('wall-token-1')).toBeLessThan(MIN_TOKEN_BITS);
    expect(tokenBits('a'.repeat(200))).toBe(0);
    expect(tokenBits('abab'.repeat(30))).toBeLessThan(MIN_TOKEN_BITS);
  });

  it('stores a hash, and an id that is only its start', () => {
    const h = hashSecret('x');
    expect(h).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(personId(h)).toBe(`p-${h.slice(7, 19)}`);
  });
});

describe('parseTokensFile', () => {
  const hash = hashSecret('t1');
  it('reads people with a label, a hash and an optional expiry', () => {
    const r = parseTokensFile(
      JSON.stringify({
        people: [
          { role: 'leader', label: '张主任', tokenHash: hash, expires: '2027-06-30' },
          { role: 'admin', label: '李工', tokenHash: hashSecret('t2'), expires: '2027-01-01T09:00:00+08:00' },
        ],
      }),
      'Asia/Shanghai',
    );
    expect(r.errors).toEqual([]);
    // A date: valid to the end of that local day.
    expect(r.people[0]).toEqual({ role: 'leader', label: '张主任', hash, expiresAt: Date.parse('2027-07-01T00:00:00+08:00') });
    expect(r.people[1]!.expiresAt).toBe(Date.parse('2027-01-01T01:00:00Z'));
  });

  it('gives one line per bad entry and keeps the good ones', () => {
    const r = parseTokensFile(
      JSON.stringify({
        people: [
          { role: 'king', label: 'x', tokenHash: hash },
          { role: 'leader', label: '', tokenHash: hash },
          { role: 'leader', label: 'x', tokenHash: 'plain-token' },
          { role: 'leader', label: 'x', tokenHash: hash, expires: 'soon' },
          { role: 'leader', label: 'ok', tokenHash: hash },
          { role: 'admin', label: 'twice', tokenHash: hash },
        ],
      }),
      'Asia/Shanghai',
    );
    expect(r.errors).toHaveLength(5);
    expect(r.errors[2]).toMatch(/people\[2\]: tokenHash/);
    expect(r.errors[4]).toMatch(/same tokenHash/);
    expect(r.people.map((p) => p.label)).toEqual(['ok']);
    expect(parseTokensFile('{', 'Asia/Shanghai').errors[0]).toMatch(/not valid JSON/);
    expect(parseTokensFile('[]', 'Asia/Shanghai').errors[0]).toMatch(/expected \{ "people"/);
  });

  it('wants an offset on a time, so a file means the same on every server', () => {
    expect(parseExpiry('2027-01-01T09:00:00', 'Asia/Shanghai')).toBeNull();
    expect(parseExpiry('2027-02-30', 'Asia/Shanghai')).toBeNull();
  });
});

describe('FailureLimiter', () => {
  it('blocks an address at the max-th failure within the window, others not, until the window moves on', () => {
    let now = 1_000_000;
    const l = new FailureLimiter({ max: 3, windowMs: 60_000, now: () => now });
    expect([l.fail('a'), l.fail('a')]).toEqual([false, false]);
    expect(l.retryAfter('a')).toBe(0);
    expect(l.fail('a')).toBe(true);
    expect(l.retryAfter('a')).toBe(60);
    expect(l.retryAfter('b')).toBe(0);
    now += 30_000;
    expect(l.retryAfter('a')).toBe(30);
    now += 30_001;
    expect(l.retryAfter('a')).toBe(0);
  });

  it('keeps at most maxAddresses addresses', () => {
    const l = new FailureLimiter({ max: 1, windowMs: 60_000, maxAddresses: 2 });
    l.fail('a');
    l.fail('b');
    l.fail('c');
    expect(l.retryAfter('a')).toBe(0);
    expect(l.retryAfter('c')).toBeGreaterThan(0);
  });
});
