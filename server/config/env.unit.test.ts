import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv } from './env.ts';

// Test tokens long enough for the 128-bit check.
const T = (c: string) => `${c}${'0123456789abcdefghijklmnopqrstuv'}`;
const ok = (extra: Record<string, string> = {}) => parseEnv({ HOTLINE_TOKENS: `wall:${T('w')}`, ...extra });

describe('parseEnv', () => {
  it('fills every default', () => {
    const r = ok();
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.env).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379',
      port: 8080,
      host: '0.0.0.0',
      stream: 'hotline:events',
      tz: 'Asia/Shanghai',
      clock: 'wall',
      pushMs: 500,
      instance: 'main',
      configFile: null,
    });
    expect(r.env.staticDir).toMatch(/dist\/client$/);
    expect(r.env.config.limits.batchSize).toBe(500);
  });

  it('parses tokens with and without labels, labels may hold colons', () => {
    const r = ok({ HOTLINE_TOKENS: ` wall:${T('a')} , leader:${T('b')}:张主任 ,admin:${T('c')}:x:y` });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([...r.env.tokens]).toEqual([
      [T('a'), { role: 'wall', label: null }],
      [T('b'), { role: 'leader', label: '张主任' }],
      [T('c'), { role: 'admin', label: 'x:y' }],
    ]);
  });

  it('gives one line per bad value', () => {
    const r = parseEnv({ HOTLINE_TOKENS: `wall:${T('a')},wall:${T('a')},king:b`, PORT: '-1', HOTLINE_CLOCK: 'x', REDIS_URL: 'http://x' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(5);
    expect(r.errors.filter((l) => l.startsWith('HOTLINE_TOKENS'))).toHaveLength(2);
  });

  it('refuses tokens shorter than 128 bits, naming the entry', () => {
    const r = parseEnv({ HOTLINE_TOKENS: `wall:short-token,leader:${'a'.repeat(40)},admin:${'0123456789abcdef'.repeat(2)}` });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(2);
    expect(r.errors[0]).toMatch(/entry 1: the wall token is too short/);
    expect(r.errors[1]).toMatch(/entry 2: the leader token is too short/);
  });

  it('needs HOTLINE_TOKENS only when no HOTLINE_TOKENS_FILE is named', () => {
    expect(parseEnv({}).ok).toBe(false);
    const r = parseEnv({ HOTLINE_TOKENS_FILE: '/etc/lianxin/people.json' });
    expect(r.ok && r.env.tokensFile).toBe('/etc/lianxin/people.json');
  });

  it('accepts port 0 and treats empty values as unset', () => {
    const r = ok({ PORT: '0', HOTLINE_TZ: '' });
    expect(r.ok && r.env.port === 0 && r.env.tz === 'Asia/Shanghai').toBe(true);
  });

  it('reads the privacy dictionary and the personal-data days from HOTLINE_CONFIG, one line per bad value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lianxin-config-'));
    const file = join(dir, 'c.json');
    try {
      writeFileSync(file, JSON.stringify({ privacy: { names: ['亓秀荣'], places: ['北集坡'] }, limits: { personalDataDays: 90 } }));
      const good = ok({ HOTLINE_CONFIG: file });
      expect(good.ok && good.env.config.privacy).toEqual({ names: ['亓秀荣'], places: ['北集坡'] });
      expect(good.ok && good.env.config.limits.personalDataDays).toBe(90);
      const plain = ok();
      expect(plain.ok && plain.env.config.limits.personalDataDays).toBe(180);

      writeFileSync(file, JSON.stringify({ privacy: { names: ['王', '张 三'], towns: [] }, limits: { personalDataDays: 0 } }));
      const bad = ok({ HOTLINE_CONFIG: file });
      expect(bad.ok).toBe(false);
      if (bad.ok) return;
      const text = bad.errors.join('\n');
      expect(text).toMatch(/privacy\.names\.0/);
      expect(text).toMatch(/privacy\.names\.1/);
      expect(text).toMatch(/towns/);
      expect(text).toMatch(/limits\.personalDataDays/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
