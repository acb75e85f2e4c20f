import { describe, expect, it } from 'vitest';
import { ApiError, createApi, dispositionFileName, errorText, queryString } from './http.ts';

describe('api client', () => {
  it('sends the bearer token in the header only, and JSON for a body', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fake = (async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify({ eventId: 'sup-1' }), { status: 202, headers: { 'Content-Type': 'application/json' } });
    }) as unknown as typeof fetch;
    const api = createApi({ token: 'l1', fetch: fake });
    await expect(api.supervise('T 1', { level: 3, note: '请办理' })).resolves.toEqual({ eventId: 'sup-1' });
    expect(calls[0]!.url).toBe('./api/v1/tickets/T%201/supervise');
    const h = new Headers(calls[0]!.init.headers);
    expect(h.get('Authorization')).toBe('Bearer l1');
    expect(h.get('Content-Type')).toBe('application/json');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ level: 3, note: '请办理' });
    await api.warnings({ color: 'red', district: '370902', deptId: null, limit: 500 });
    expect(calls[1]!.url).toBe('./api/v1/warnings?color=red&district=370902&limit=500');
    expect(calls[1]!.url).not.toContain('l1');
    await api.cohandling({ deptId: 'd-01', overdue: true, limit: 500 });
    expect(calls[2]!.url).toBe('./api/v1/cohandling?deptId=d-01&overdue=true&limit=500');
    await api.returns({ deptId: 'd 2' });
    expect(calls[3]!.url).toBe('./api/v1/returns?deptId=d+2');
  });

  it('turns an error answer into an ApiError with the server sentence', async () => {
    const fake = (async () =>
      new Response(JSON.stringify({ error: 'forbidden: the wall role may not do this' }), { status: 403 })) as unknown as typeof fetch;
    const e = await createApi({ token: 'w1', fetch: fake })
      .ticket('T1')
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(403);
    expect(errorText(e)).toContain('403');
  });

  it('reads the download name from Content-Disposition, filename* first', async () => {
    const h = `attachment; filename="rankings_2026-11-01_2026-11-29.csv"; filename*=UTF-8''${encodeURIComponent('部门排名')}_2026-11-01_2026-11-29.csv`;
    expect(dispositionFileName(h)).toBe('部门排名_2026-11-01_2026-11-29.csv');
    expect(dispositionFileName('attachment; filename="a.csv"')).toBe('a.csv');
    expect(dispositionFileName(null)).toBeNull();
    const fake = (async () => new Response('\uFEFFx', { status: 200, headers: { 'Content-Disposition': h } })) as unknown as typeof fetch;
    const d = await createApi({ token: 'l1', fetch: fake }).download('/rankings/export.csv?from=2026-11-01&to=2026-11-29', 'fallback.csv');
    expect(d.fileName).toBe('部门排名_2026-11-01_2026-11-29.csv');
    expect(queryString({ a: '', b: null, c: 0 })).toBe('?c=0');
  });
});
