// A real socket.io-client that keeps the screen's state the way the client must: the snapshot, then
// each patch applied in seq order (rfc6902), a gap being an error.
import { applyPatch } from 'rfc6902';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, Focus, PatchMessage, ServerToClientEvents, Snapshot } from '../../shared/contract/snapshot.ts';
import { waitFor } from './wait.ts';

export interface ScreenClient {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  /** Every message in arrival order. */
  messages: Array<{ kind: 'snapshot' | 'patch' | 'reload' | 'focus'; at: number; seq?: number; payload: unknown }>;
  /** The state built from the messages. */
  state(): Snapshot | null;
  focus(): Focus | null | undefined;
  errors: string[];
  until<T>(what: string, probe: () => T, timeoutMs?: number): Promise<NonNullable<T>>;
  close(): void;
}

export function connectScreen(url: string, auth: Record<string, unknown>): ScreenClient {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  let state: Snapshot | null = null;
  let focus: Focus | null | undefined;
  const messages: ScreenClient['messages'] = [];
  const errors: string[] = [];
  socket.on('snapshot', (s) => {
    messages.push({ kind: 'snapshot', at: Date.now(), seq: s.seq, payload: s });
    state = structuredClone(s);
  });
  socket.on('patch', (p: PatchMessage) => {
    messages.push({ kind: 'patch', at: Date.now(), seq: p.seq, payload: p });
    if (!state) return void errors.push(`patch ${p.seq} before any snapshot`);
    if (p.seq !== state.seq + 1) return void errors.push(`patch ${p.seq} after seq ${state.seq}`);
    const results = applyPatch(state, p.ops);
    const failed = results.filter((r) => r !== null);
    if (failed.length > 0) errors.push(`patch ${p.seq} failed: ${failed.map(String).join('; ')}`);
    if (state.seq !== p.seq) errors.push(`patch ${p.seq} left seq ${state.seq}`);
  });
  socket.on('reload', () => messages.push({ kind: 'reload', at: Date.now(), payload: null }));
  socket.on('focus', (f) => {
    messages.push({ kind: 'focus', at: Date.now(), payload: f });
    focus = f;
  });
  return {
    socket,
    messages,
    errors,
    state: () => state,
    focus: () => focus,
    until: (what, probe, timeoutMs = 30_000) => waitFor(what, probe, { timeoutMs }),
    close: () => socket.close(),
  };
}

/** Resolves with the connect_error message, or 'connected'. */
export function connectOutcome(url: string, auth: Record<string, unknown>): Promise<string> {
  return new Promise((resolve) => {
    const s = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    s.on('connect', () => {
      s.close();
      resolve('connected');
    });
    s.on('connect_error', (err) => {
      s.close();
      resolve(err.message);
    });
  });
}
