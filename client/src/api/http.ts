// A small typed client for /api/v1 (metrics.md, "Read interface") with the page's bearer token from
// the URL's ?token=. The token goes in the Authorization header only: never in a link, never in a
// download URL (downloads are fetched and handed to the browser as a blob).
import type {
  AuditAnswer,
  CoPartsAnswer,
  MeAnswer,
  PairAnswer,
  PendingPairing,
  PersonListItem,
  RankingsAnswer,
  ReturnsAnswer,
  Role,
  SessionAnswer,
  TicketAnswer,
  WallListItem,
  WarningsAnswer,
} from '@shared/contract/snapshot.ts';
import type { AnalysisAnswer } from '@shared/domain/analysis/index.ts';
import { pageParams } from '../params.ts';

/** An answer other than 2xx: the status and the server's `error` sentence. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A sentence for a leader, in Chinese, for a failed request. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 401) return '未登录或登录已失效（401），请使用管理员发给您的链接重新登录';
    if (e.status === 429) return '失败次数过多（429），请稍后再试';
    if (e.status === 403) return '当前令牌无此权限（403）';
    if (e.status === 404) return `未找到（404）：${e.message}`;
    if (e.status === 400) return `请求有误（400）：${e.message}`;
    if (e.status === 503) return '服务暂不可用（503），请稍后重试';
    return `服务器错误（${e.status}）：${e.message}`;
  }
  if (e instanceof DOMException && e.name === 'AbortError') return '已取消';
  return `网络错误：${e instanceof Error ? e.message : String(e)}`;
}

export type Query = Record<string, string | number | null | undefined>;

export function queryString(q: Query = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export interface Download {
  blob: Blob;
  /** From Content-Disposition (filename* first), or the fallback. */
  fileName: string;
}

/** The file name of a Content-Disposition header: RFC 5987 `filename*` first, then `filename`. */
export function dispositionFileName(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[2]!.trim());
    } catch {
      /* fall through */
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(header);
  return plain ? (plain[1] ?? plain[2] ?? '').trim() || null : null;
}

export interface ApiOptions {
  token: string | null;
  /** Prefix of the API, relative to the page by default (works behind a path prefix). */
  base?: string;
  fetch?: typeof fetch;
}

export function createApi(o: ApiOptions) {
  const base = o.base ?? './api/v1';
  const doFetch = o.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));

  async function send(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (o.token) headers.set('Authorization', `Bearer ${o.token}`);
    if (init.body !== undefined && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
    const res = await doFetch(`${base}${path}`, { ...init, headers, cache: 'no-store' });
    if (!res.ok) {
      let msg = res.statusText || `HTTP ${res.status}`;
      try {
        const body = (await res.json()) as { error?: unknown };
        if (typeof body?.error === 'string') msg = body.error;
      } catch {
        /* not JSON */
      }
      throw new ApiError(res.status, msg);
    }
    return res;
  }

  const json = async <T>(path: string, init?: RequestInit) => (await (await send(path, init)).json()) as T;

  return {
    me: (signal?: AbortSignal) => json<MeAnswer>('/me', { signal }),
    rankings: (p: { from?: string; to?: string } = {}, signal?: AbortSignal) =>
      json<RankingsAnswer>(`/rankings${queryString(p)}`, { signal }),
    warnings: (
      q: { color: 'red' | 'yellow'; district?: string | null; deptId?: string | null; offset?: number; limit?: number },
      signal?: AbortSignal,
    ) => json<WarningsAnswer>(`/warnings${queryString(q)}`, { signal }),
    analysis: (date?: string | null, signal?: AbortSignal) => json<AnalysisAnswer>(`/analysis${queryString({ date })}`, { signal }),
    /** Open co-handling parts now (协办), by deadline; `overdue` keeps those past it. */
    cohandling: (q: { deptId?: string | null; overdue?: boolean; offset?: number; limit?: number }, signal?: AbortSignal) =>
      json<CoPartsAnswer>(`/cohandling${queryString({ ...q, overdue: q.overdue === undefined ? undefined : String(q.overdue) })}`, {
        signal,
      }),
    /** Tickets not closed that were returned (by `deptId`: that it returned), returns descending. */
    returns: (q: { deptId?: string | null; offset?: number; limit?: number }, signal?: AbortSignal) =>
      json<ReturnsAnswer>(`/returns${queryString(q)}`, { signal }),
    ticket: (id: string, signal?: AbortSignal) => json<TicketAnswer>(`/tickets/${encodeURIComponent(id)}`, { signal }),
    supervise: (id: string, body: { level: number; note?: string }) =>
      json<{ eventId: string }>(`/tickets/${encodeURIComponent(id)}/supervise`, { method: 'POST', body: JSON.stringify(body) }),
    /** A token exchanged for this browser's session cookie. */
    signIn: (token: string) => json<SessionAnswer>('/session', { method: 'POST', body: JSON.stringify({ token }) }),
    signOut: () => send('/session', { method: 'DELETE' }),
    /** A wall asks for a pairing code (or gets the one it has). */
    pairStart: (build: string | null) => json<PairAnswer>('/pair', { method: 'POST', body: JSON.stringify(build ? { build } : {}) }),
    pairStatus: () => json<PairAnswer>('/pair'),
    admin: {
      pairings: () => json<{ items: PendingPairing[] }>('/admin/pairings'),
      approve: (code: string, name: string) =>
        json<{ id: string; name: string }>(`/admin/pairings/${encodeURIComponent(code)}`, {
          method: 'POST',
          body: JSON.stringify({ name }),
        }),
      walls: () => json<{ items: WallListItem[] }>('/admin/walls'),
      revokeWall: (id: string) => send(`/admin/walls/${encodeURIComponent(id)}`, { method: 'DELETE' }),
      people: () => json<{ items: PersonListItem[] }>('/admin/people'),
      addPerson: (p: { role: Role; label: string; expires?: string | null }) =>
        json<{ id: string; role: Role; label: string; expiresAt: number | null; token: string }>('/admin/people', {
          method: 'POST',
          body: JSON.stringify(p),
        }),
      revokePerson: (id: string) => send(`/admin/people/${encodeURIComponent(id)}`, { method: 'DELETE' }),
      audit: (q: Query) => json<AuditAnswer>(`/admin/audit${queryString(q)}`),
    },
    /** A file, fetched with the token and returned as a blob (hand it to saveBlob). */
    download: async (path: string, fallbackName: string): Promise<Download> => {
      const res = await send(path);
      return { blob: await res.blob(), fileName: dispositionFileName(res.headers.get('Content-Disposition')) ?? fallbackName };
    },
  };
}

export type Api = ReturnType<typeof createApi>;

let shared: Api | null = null;
/** The page's client (token from the URL, read once; otherwise the browser's cookie). */
export function useApi(): Api {
  return (shared ??= createApi({ token: pageParams().token }));
}

/** Lets the browser save a blob under a name: an object URL on a transient link, revoked after. */
export function saveBlob(d: Download, doc: Document = document): void {
  const url = URL.createObjectURL(d.blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = d.fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  // Some browsers read the URL after click() returns: revoke a little later.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
