// The Socket.IO link: typed with the shared contract, feeding the live store.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, HandshakeAuth, ServerToClientEvents } from '@shared/contract/snapshot.ts';
import type { LiveStore } from '../stores/live.ts';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ConnectOptions {
  /** null: the browser's cookie (a session or a paired wall) authenticates the handshake. */
  token: string | null;
  wall?: string | null;
  /** Same origin by default. */
  url?: string;
}

/** This page's build: the hashed file name of its entry script (the admin page lists it per wall). */
export function clientBuild(doc: Document | undefined = typeof document === 'undefined' ? undefined : document): string | null {
  const src = doc?.querySelector<HTMLScriptElement>('script[type="module"][src]')?.src;
  if (!src) return null;
  return new URL(src, 'http://x/').pathname.split('/').pop()?.slice(0, 64) || null;
}

/**
 * Socket.IO's path beside the page: `/socket.io/` at the root, `/lianxin/socket.io/` when a proxy
 * serves the page under /lianxin/ (README, deploy), as the page's relative assets and API calls do.
 */
export function socketPath(base: string = document.baseURI): string {
  return new URL('socket.io/', base).pathname;
}

/** A socket to the server (same origin, the path beside the page), reconnecting for ever. */
export function createLiveSocket(o: ConnectOptions): LiveSocket {
  const build = clientBuild();
  const auth: HandshakeAuth = { ...(o.token ? { token: o.token } : {}), ...(o.wall ? { wall: o.wall } : {}), ...(build ? { build } : {}) };
  const opts = {
    path: socketPath(),
    auth,
    reconnection: true,
    reconnectionAttempts: Infinity,
    reconnectionDelay: 1000,
    reconnectionDelayMax: 10_000,
    randomizationFactor: 0.3,
    timeout: 10_000,
    autoConnect: false,
  };
  return o.url ? io(o.url, opts) : io(opts);
}

export interface BindOptions {
  /** What 'reload' does (location.reload by default). */
  reload?: () => void;
  /** Retry after a refused handshake (e.g. a token not yet configured), ms. */
  refusedRetryMs?: number;
}

/**
 * Wires a socket to the store and connects it. Returns the function that undoes it all (handlers,
 * timer, connection): call it from onScopeDispose.
 */
export function bindLive(store: LiveStore, socket: LiveSocket, o: BindOptions = {}): () => void {
  const reload = o.reload ?? (() => window.location.reload());
  let retry: ReturnType<typeof setTimeout> | null = null;
  const clearRetry = () => {
    if (retry !== null) clearTimeout(retry);
    retry = null;
  };
  const retryLater = (ms: number) => {
    clearRetry();
    retry = setTimeout(() => {
      retry = null;
      store.setConnecting(true);
      socket.connect();
    }, ms);
  };

  const onConnect = () => {
    clearRetry();
    store.setConnected(true);
  };
  const onDisconnect = (reason: string) => {
    store.setConnected(false);
    // The server closed the connection on purpose: socket.io does not reconnect by itself then.
    if (reason === 'io server disconnect') retryLater(3000);
  };
  const onConnectError = (err: Error) => {
    store.setConnectionError(err.message || 'error');
    // A refused handshake (middleware error) is not retried by socket.io: retry slowly ourselves.
    if (!socket.active) retryLater(o.refusedRetryMs ?? 15_000);
  };
  const onSnapshot: ServerToClientEvents['snapshot'] = (s) => store.receiveSnapshot(s);
  const onPatch: ServerToClientEvents['patch'] = (p) => {
    store.receivePatch(p);
  };
  const onReload: ServerToClientEvents['reload'] = () => reload();
  const onFocus: ServerToClientEvents['focus'] = (f) => store.setFocus(f);
  const onAttempt = (n: number) => store.setReconnectAttempts(n);

  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  socket.on('connect_error', onConnectError);
  socket.on('snapshot', onSnapshot);
  socket.on('patch', onPatch);
  socket.on('reload', onReload);
  socket.on('focus', onFocus);
  socket.io.on('reconnect_attempt', onAttempt);
  store.setResyncHandler(() => {
    if (socket.connected) socket.emit('resync');
  });
  store.setConnecting(true);
  socket.connect();

  return () => {
    clearRetry();
    store.setResyncHandler(null);
    socket.off('connect', onConnect);
    socket.off('disconnect', onDisconnect);
    socket.off('connect_error', onConnectError);
    socket.off('snapshot', onSnapshot);
    socket.off('patch', onPatch);
    socket.off('reload', onReload);
    socket.off('focus', onFocus);
    socket.io.off('reconnect_attempt', onAttempt);
    socket.disconnect();
    store.setConnecting(false);
    store.setConnected(false);
  };
}
