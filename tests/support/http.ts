// fetch with a token, JSON in and out.
import type { Snapshot } from '../../shared/contract/snapshot.ts';
import { TOKEN } from './tokens.ts';

export interface Answer<T = unknown> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read fields of any answer
export async function call<T = any>(
  base: string,
  path: string,
  o: { token?: string | null; method?: string; body?: unknown; rawBody?: string } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  const token = o.token === undefined ? TOKEN.admin : o.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (o.rawBody !== undefined || o.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = o.rawBody ?? JSON.stringify(o.body);
  }
  const res = await fetch(base + path, { method: o.method ?? (body ? 'POST' : 'GET'), headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed as T, text, headers: res.headers };
}

export async function getSnapshot(base: string): Promise<Snapshot> {
  const a = await call<Snapshot>(base, '/api/v1/snapshot');
  if (a.status !== 200) throw new Error(`GET /api/v1/snapshot: ${a.status} ${a.text}`);
  return a.body;
}

/** A snapshot without the fields that differ by nature between two runs: when it was built and the entry processed. */
export function comparable(s: Snapshot) {
  const { builtAt, lastEntryAt, seq, ...rest } = s;
  void builtAt;
  void lastEntryAt;
  void seq;
  return rest;
}
