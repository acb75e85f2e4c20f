// Focus on the walls (screen state over Socket.IO, not a stream event): 'focus:set' and
// 'focus:release' with an ack (contract: ClientToServerEvents).
//
// The page's live socket is used when the app provides it under LIVE_SOCKET_KEY
// (provide(LIVE_SOCKET_KEY, socket) where the socket is made); otherwise a socket of its own is
// opened on the first action and closed with the calling scope.
import { getCurrentScope, inject, onScopeDispose, ref, type InjectionKey } from 'vue';
import type { Focus } from '@shared/contract/snapshot.ts';
import { createLiveSocket, type LiveSocket } from '../live/socket.ts';
import { pageParams } from '../params.ts';

export const LIVE_SOCKET_KEY: InjectionKey<LiveSocket> = Symbol('lianxin.liveSocket');

export type FocusScope = Focus['scope'];
export type FocusReply = { ok: true } | { ok: false; error: string };

export interface FocusRequest {
  scope: FocusScope;
  id: string;
  /** A wall's name; null or empty: every wall. */
  wall: string | null;
  /** How long before the walls go back to the overview; the server's default when absent. */
  seconds?: number;
}

/** A wall name from a text field: trimmed; empty means every wall. */
export function wallOrAll(s: string | null | undefined): string | null {
  const t = (s ?? '').trim();
  return t === '' ? null : t;
}

export function focusErrorText(error: string): string {
  if (error === 'forbidden') return '当前令牌无权聚焦大屏';
  if (error === 'timeout') return '大屏服务未应答（超时），请检查网络后重试';
  return `聚焦失败：${error}`;
}

export function useFocusControl(opts: { timeoutMs?: number; socket?: LiveSocket | null } = {}) {
  const timeoutMs = opts.timeoutMs ?? 8000;
  const provided = opts.socket ?? (getCurrentScope() ? inject(LIVE_SOCKET_KEY, null) : null);
  let own: LiveSocket | null = null;
  const busy = ref(false);

  function socket(): LiveSocket | null {
    if (provided) return provided;
    if (!own) {
      own = createLiveSocket({ token: pageParams().token });
      // This socket only carries focus commands: the page's figures come from the live store.
      own.connect();
    }
    return own;
  }
  if (getCurrentScope()) {
    onScopeDispose(() => {
      own?.disconnect();
      own = null;
    });
  }

  async function call(fn: (s: LiveSocket, done: (r: FocusReply) => void) => void): Promise<FocusReply> {
    const s = socket();
    if (!s) return { ok: false, error: 'no-token' };
    busy.value = true;
    try {
      return await new Promise<FocusReply>((resolve) => fn(s, resolve));
    } finally {
      busy.value = false;
    }
  }

  return {
    busy,
    set: (f: FocusRequest) =>
      call((s, done) =>
        s
          .timeout(timeoutMs)
          .emit(
            'focus:set',
            { scope: f.scope, id: f.id, wall: wallOrAll(f.wall), ...(f.seconds ? { seconds: f.seconds } : {}) },
            (err, r) => done(err ? { ok: false, error: 'timeout' } : r),
          ),
      ),
    release: (wall: string | null) =>
      call((s, done) =>
        s.timeout(timeoutMs).emit('focus:release', { wall: wallOrAll(wall) }, (err, r) => done(err ? { ok: false, error: 'timeout' } : r)),
      ),
  };
}
