// The export routes over real HTTP (127.0.0.1, port 0) on a state fed the contract's sample events:
// attachment headers, the same figures as GET /rankings would give, the period checks, the token.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import ExcelJS from 'exceljs';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../shared/config.ts';
import { createRules, createState, processEntry, rankings } from '../../shared/domain/index.ts';
import { Access } from '../access/index.ts';
import { Directory } from '../access/people.ts';
import { parseTokens } from '../config/tokens.ts';
import { makeKeys } from '../store/keys.ts';
import type { RedisClient } from '../store/redis.ts';
import { silentLogger } from '../util/log.ts';
import type { Engine } from '../core/engine.ts';
import { authenticate } from '../http/auth.ts';
import type { HttpContext } from '../http/context.ts';
import { exportsRouter } from '../http/routes/exports.ts';
import { HEADER_ROW, SHEET_BOARD, parseCsv, rankingsCsv } from './index.ts';

const rules = createRules(defaultConfig(), { tz: 'Asia/Shanghai', clock: 'event' });
const state = createState();
const lines = readFileSync(new URL('../../tests/fixtures/sample-events.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim());
lines.forEach((event, i) => processEntry(state, rules, { id: `${1000 + i}-0`, fields: { event } }, 0));
const engine: Engine = { rules, state, tz: 'Asia/Shanghai', clock: 'event' };
const W1 = 'wall-token-for-the-export-tests-1';
const { tokens } = parseTokens(`wall:${W1},leader:leader-token-for-the-export-tests-1`);
// Bearer tokens are looked up in memory: no Redis behind this app (audit notes fail quietly).
const redis = null as unknown as RedisClient;
const keys = makeKeys('unit', 'unit:events');
const access = new Access({
  redis,
  keys,
  tz: 'Asia/Shanghai',
  log: silentLogger,
  directory: new Directory({ env: tokens, file: null, tz: 'Asia/Shanghai', redis, keys, log: silentLogger }),
  sessionSeconds: 3600,
  trustProxy: [],
  failures: { max: 1000, windowMs: 60_000 },
});
const ctx = { env: { tokens }, engine, access } as unknown as HttpContext;

let server: Server;
let base = '';
beforeAll(async () => {
  const app = express();
  app.use('/api', authenticate(access));
  app.use('/api/v1', exportsRouter(ctx));
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const get = (path: string, token: string | null = W1) =>
  fetch(`${base}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
// The sample's events are of 2026-11-30 … 2026-12-03; asOf is the latest event's time.
const period = { from: '2026-11-30', to: '2026-12-03' };

describe('GET /api/v1/rankings/export.csv', () => {
  it('answers an attachment named by the period with the same rows as the rankings', async () => {
    const res = await get(`/rankings/export.csv?from=${period.from}&to=${period.to}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="rankings_2026-11-30_2026-12-03.csv"; filename*=UTF-8''${encodeURIComponent('部门排名_2026-11-30_2026-12-03.csv')}`,
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const expected = rankings(state, rules, period, Date.parse('2026-12-03T10:05:00+08:00'));
    expect(bytes.toString('utf8')).toBe(rankingsCsv(expected));
    const rows = parseCsv(bytes.toString('utf8'));
    expect(rows[1]).toContain('d-zj');
    expect(rows[1]).toContain('100.0%');
  });

  it('defaults to the month of asOf, refuses a bad period with 400 and a missing token with 401', async () => {
    const def = await get('/rankings/export.csv');
    expect(def.status).toBe(200);
    expect(def.headers.get('content-disposition')).toContain('rankings_2026-12-01_2026-12-03.csv');
    expect((await get('/rankings/export.csv?from=2026-12-03&to=2026-12-01')).status).toBe(400);
    expect((await get('/rankings/export.csv?from=2026-13-01')).status).toBe(400);
    expect((await get('/rankings/export.xlsx?from=2025-01-01&to=2026-12-01')).status).toBe(400);
    expect((await get('/rankings/export.csv', null)).status).toBe(401);
  });
});

describe('GET /api/v1/rankings/export.xlsx', () => {
  it('answers a workbook with the same figures, for a leader as for a wall', async () => {
    const res = await get(`/rankings/export.xlsx?from=${period.from}&to=${period.to}`, 'leader-token-for-the-export-tests-1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('部门排名')}_2026-11-30_2026-12-03.xlsx`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet(SHEET_BOARD)!;
    expect(String(ws.getCell(1, 1).value)).toContain('泰安市');
    const row = ws.getRow(HEADER_ROW + 1).values as unknown[];
    expect(row).toContain('d-zj');
    expect(row).toContain('市住建局');
  });
});
