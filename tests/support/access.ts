// A browser's side of access for tests: a cookie jar fed by Set-Cookie, requests from a chosen
// address (X-Forwarded-For, read when the server trusts loopback as its proxy), a token file.
import { writeFileSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import { hashSecret } from '../../server/access/secret.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/contract/snapshot.ts';

export class Jar {
  readonly cookies = new Map<string, string>();
  /** Attributes of the last Set-Cookie seen per name (HttpOnly, SameSite…), lower-cased. */
  readonly attributes = new Map<string, string>();

  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = decodeURIComponent(pair!.slice(eq + 1).trim());
      this.attributes.set(name, attrs.map((a) => a.trim().toLowerCase()).join('; '));
      if (value === '' || /max-age=0\b/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
  }
}

export interface Req {
  method?: string;
  token?: string;
  jar?: Jar;
  from?: string;
  body?: unknown;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read fields of any answer
export async function req<T = any>(base: string, path: string, o: Req = {}): Promise<{ status: number; body: T; res: Response }> {
  const headers: Record<string, string> = {};
  if (o.token !== undefined) headers.authorization = `Bearer ${o.token}`;
  if (o.jar && o.jar.cookies.size > 0) headers.cookie = o.jar.header();
  if (o.from) headers['x-forwarded-for'] = o.from;
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    method: o.method ?? (o.body !== undefined ? 'POST' : 'GET'),
    headers,
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
  });
  o.jar?.take(res);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: body as T, res };
}

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket as a browser opens it: cookies and a forwarded address in the upgrade's headers. */
export function socketWith(url: string, o: { token?: string; jar?: Jar; from?: string; wall?: string } = {}): TestSocket {
  const extraHeaders: Record<string, string> = {};
  if (o.jar) extraHeaders.cookie = o.jar.header();
  if (o.from) extraHeaders['x-forwarded-for'] = o.from;
  return io(url, {
    auth: { ...(o.token ? { token: o.token } : {}), ...(o.wall ? { wall: o.wall } : {}) },
    extraHeaders,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
}

/** Resolves 'connected' or the connect_error's message. */
export function outcome(s: TestSocket): Promise<string> {
  return new Promise((resolve) => {
    if (s.connected) return resolve('connected');
    s.once('connect', () => resolve('connected'));
    s.once('connect_error', (e) => resolve(e.message));
  });
}

/** Resolves with the disconnect reason. */
export function disconnected(s: TestSocket): Promise<string> {
  return new Promise((resolve) => s.once('disconnect', (reason) => resolve(reason)));
}

export interface FilePerson {
  role: 'wall' | 'leader' | 'admin';
  label: string;
  token: string;
  expires?: string;
}

export function writeTokensFile(file: string, people: FilePerson[]): void {
  const json = {
    people: people.map((p) => ({
      role: p.role,
      label: p.label,
      tokenHash: hashSecret(p.token),
      ...(p.expires ? { expires: p.expires } : {}),
    })),
  };
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}
