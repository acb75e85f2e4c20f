// Socket.IO on the HTTP server: auth once in io.use(), the snapshot on connect, then the
// broadcaster's patches; leaders' focus for the walls; 'reload' for deploys.
import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import { z } from 'zod';
import type {
  ClientToServerEvents,
  Focus,
  HandshakeAuth,
  PatchMessage,
  Role,
  ServerToClientEvents,
  Snapshot,
} from '../../shared/contract/snapshot.ts';
import type { Access, Caller } from '../access/index.ts';
import { may, principalName } from '../config/tokens.ts';
import type { Logger } from '../util/log.ts';
import type { BroadcastSink } from './broadcaster.ts';
import { ALL_WALLS, FocusBoard } from './focus.ts';

interface SocketData {
  role: Role;
  by: string;
  /** Who connected, as the handshake's credential named them (checked again every few seconds). */
  caller: Caller;
  /** The client's build (admin page's list of walls). */
  build: string | null;
  /** The wall's name from its URL; null for an unnamed wall or a console. */
  wall: string | null;
  /** Walls get focus messages: every wall-role socket, and any socket that names a wall. */
  isWall: boolean;
}

type IoServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Rooms: clients that have had a snapshot (patches go there), walls, one room per wall name. */
const LIVE = 'live';
const WALLS = 'walls';
const wallRoom = (name: string) => `wall:${name}`;

const wallName = z.string().trim().min(1).max(64);
const FocusSetSchema = z.object({
  scope: z.enum(['district', 'dept']),
  id: z.string().trim().min(1).max(64),
  wall: wallName.nullable(),
  seconds: z.number().int().min(1).max(86_400).optional(),
});
const FocusReleaseSchema = z.object({ wall: wallName.nullable() });

export interface RealtimeOptions {
  access: Access;
  /** How often every open socket's credential is checked again (revoked, expired: closed). */
  checkMs: number;
  tz: string;
  districtCodes: readonly string[];
  focusSeconds: number;
  /** The last message sent: what a connecting or resyncing client gets. */
  current: () => Snapshot;
  log: Logger;
  /** Origin check and message size (http/security.ts). */
  serverOptions?: Partial<ServerOptions>;
}

export interface Realtime {
  io: IoServer;
  sink: BroadcastSink;
  /** Sockets that get the pushed messages, and every open socket's role (metrics). */
  liveCount(): number;
  roles(): Iterable<string>;
  focus: FocusBoard;
  reload(): void;
  /** Check every socket's credential now; closes the sockets whose credential no longer holds. */
  revalidate(): Promise<void>;
  /** Open sockets per paired wall id. */
  wallsOnline(): Map<string, number>;
  close(): Promise<void>;
}

/** A paired wall's last-seen time is written at most this often. */
const SEEN_EVERY_MS = 15_000;
/**
 * A client that stops reading (a frozen kiosk, a dead link the kernel still buffers for) makes every
 * message wait in the server's memory. Past this many bytes waiting for one client it is
 * disconnected; a screen that comes back reconnects and starts again from a fresh snapshot.
 */
export const SOCKET_BUFFER_LIMIT_BYTES = 1024 * 1024;
/** At most one `resync` snapshot per client this often; asks in between are answered once, at its end. */
export const RESYNC_MIN_MS = 1000;

/** Bytes waiting to be sent to this client: engine.io's queue and the WebSocket's own buffer. */
export function bufferedBytes(socket: Pick<Socket, 'conn'>): number {
  const conn = socket.conn as unknown as {
    writeBuffer?: Array<{ data?: unknown }>;
    transport?: { socket?: { bufferedAmount?: number } };
  };
  let n = conn.transport?.socket?.bufferedAmount ?? 0;
  for (const p of conn.writeBuffer ?? []) if (typeof p.data === 'string') n += p.data.length;
  return n;
}

type Ack = (r: { ok: true } | { ok: false; error: string }) => void;
const safeAck = (ack: unknown): Ack => (typeof ack === 'function' ? (ack as Ack) : () => {});

export function attachRealtime(http: HttpServer, o: RealtimeOptions): Realtime {
  const io: IoServer = new Server(http, { serveClient: false, ...o.serverOptions });

  const focus = new FocusBoard(o.tz, (key) => {
    if (key === ALL_WALLS) {
      for (const s of io.of('/').sockets.values()) if (s.data.isWall) s.emit('focus', focus.effectiveFor(s.data.wall));
    } else {
      io.to(wallRoom(key)).emit('focus', focus.effectiveFor(key));
    }
  });

  const { access } = o;
  io.use((socket, next) => {
    const auth = (socket.handshake.auth ?? {}) as Partial<HandshakeAuth>;
    const address = access.address(socket.request);
    const token = typeof auth.token === 'string' ? auth.token : null;
    access.resolve({ token, cookieHeader: socket.request.headers.cookie }, address).then(
      (r) => {
        if (!r.ok) return next(new Error(r.status === 429 ? 'rate-limited' : 'unauthorized'));
        const who = r.caller;
        // A paired wall's name is the one an admin gave it; others may name a wall in their URL.
        const named = who.wall !== null ? { success: true as const, data: who.wall } : wallName.safeParse(auth.wall);
        const build = z.string().max(64).safeParse(auth.build);
        socket.data = {
          role: who.role,
          by: principalName(who),
          caller: who,
          build: build.success ? build.data : null,
          wall: named.success ? named.data : null,
          isWall: who.role === 'wall' || named.success,
        };
        next();
      },
      (err: Error) => {
        o.log.warn(`socket handshake: ${err.message}`);
        next(new Error('unavailable'));
      },
    );
  });

  let lastSeenWrite = 0;
  let checking: Promise<void> | null = null;
  const check = async () => {
    const now = await access.current();
    const seen: Array<{ id: string; address: string; build: string | null }> = [];
    for (const s of io.of('/').sockets.values()) {
      const c = s.data.caller;
      if (!c) continue;
      if (!access.stillValid(c, now)) {
        o.log.info(`closing the socket of ${s.data.by} (${c.via} ${c.id}): credential revoked or expired`);
        s.disconnect(true);
      } else if (c.via === 'wall') seen.push({ id: c.id, address: c.address, build: s.data.build });
    }
    if (seen.length > 0 && Date.now() - lastSeenWrite >= SEEN_EVERY_MS) {
      lastSeenWrite = Date.now();
      await access.walls.seen(seen);
    }
  };
  const revalidate = () =>
    (checking ??= check()
      .catch((err: Error) => o.log.warn(`socket check: ${err.message}`))
      .finally(() => {
        checking = null;
      }));
  const checkTimer = setInterval(() => void revalidate(), o.checkMs);
  checkTimer.unref();

  io.on('connection', (socket: IoSocket) => {
    // The snapshot, then the room: the next patch is built on exactly this message.
    socket.emit('snapshot', o.current());
    socket.join(LIVE);
    if (socket.data.isWall) {
      socket.join(WALLS);
      if (socket.data.wall) socket.join(wallRoom(socket.data.wall));
      socket.emit('focus', focus.effectiveFor(socket.data.wall));
    }

    // Throttled: a client asking in a loop costs one snapshot a second, not one per ask.
    let lastResync = -Infinity;
    let resyncTimer: NodeJS.Timeout | null = null;
    const resync = () => {
      resyncTimer = null;
      lastResync = Date.now();
      socket.emit('snapshot', o.current());
    };
    socket.on('resync', () => {
      if (resyncTimer) return;
      const wait = lastResync + RESYNC_MIN_MS - Date.now();
      if (wait <= 0) resync();
      else resyncTimer = setTimeout(resync, wait);
    });
    socket.on('disconnect', () => {
      if (resyncTimer) clearTimeout(resyncTimer);
    });

    socket.on('focus:set', (input, ack) => {
      const reply = safeAck(ack);
      if (!may(socket.data.role, 'focus')) return reply({ ok: false, error: 'forbidden' });
      const f = FocusSetSchema.safeParse(input);
      if (!f.success) return reply({ ok: false, error: `bad focus: ${f.error.issues[0]?.message ?? 'invalid'}` });
      if (f.data.scope === 'district' && !o.districtCodes.includes(f.data.id)) {
        return reply({ ok: false, error: `unknown district ${f.data.id}` });
      }
      const set: Focus = focus.set({ ...f.data, seconds: f.data.seconds ?? o.focusSeconds }, socket.data.by);
      o.log.info(`focus ${set.scope} ${set.id} on ${set.wall ?? 'all walls'} by ${set.by} until ${set.until}`);
      access.audit.note(
        socket.data.caller,
        socket.data.caller.address,
        'focus.set',
        `${set.scope} ${set.id}`,
        `${set.wall ?? 'all walls'} until ${set.until}`,
      );
      reply({ ok: true });
    });

    socket.on('focus:release', (input, ack) => {
      const reply = safeAck(ack);
      if (!may(socket.data.role, 'focus')) return reply({ ok: false, error: 'forbidden' });
      const f = FocusReleaseSchema.safeParse(input);
      if (!f.success) return reply({ ok: false, error: 'bad focus release: wall must be a name or null' });
      focus.release(f.data.wall);
      access.audit.note(socket.data.caller, socket.data.caller.address, 'focus.release', f.data.wall ?? 'all walls');
      reply({ ok: true });
    });
  });

  /** Before each broadcast: a client with more than the limit waiting is let go of. */
  const dropSlowClients = () => {
    for (const s of io.of('/').sockets.values()) {
      const waiting = bufferedBytes(s);
      if (waiting <= SOCKET_BUFFER_LIMIT_BYTES) continue;
      o.log.warn(
        `socket ${s.id} (${s.data.by}${s.data.wall ? `, wall ${s.data.wall}` : ''}) disconnected: ${waiting} bytes waiting, it stopped reading`,
      );
      // Not a close handshake the client would never read: the connection goes at once, and its buffers with it.
      (s.conn as unknown as { transport?: { socket?: { terminate?: () => void } } }).transport?.socket?.terminate?.();
      s.disconnect(true);
    }
  };
  const sink: BroadcastSink = {
    snapshot: (s: Snapshot) => {
      dropSlowClients();
      io.to(LIVE).emit('snapshot', s);
    },
    patch: (p: PatchMessage) => {
      dropSlowClients();
      io.to(LIVE).emit('patch', p);
    },
  };

  return {
    io,
    sink,
    focus,
    liveCount: () => io.of('/').adapter.rooms.get(LIVE)?.size ?? 0,
    roles: () => [...io.of('/').sockets.values()].map((s) => s.data.role),
    reload: () => {
      o.log.info('reload sent to every screen');
      io.emit('reload');
    },
    revalidate,
    wallsOnline: () => {
      const m = new Map<string, number>();
      for (const s of io.of('/').sockets.values()) {
        const c = s.data.caller;
        if (c?.via === 'wall') m.set(c.id, (m.get(c.id) ?? 0) + 1);
      }
      return m;
    },
    /** Disconnects every socket and closes the HTTP server too (socket.io's io.close()). */
    close: async () => {
      clearInterval(checkTimer);
      await checking;
      focus.clear();
      const closing = io.close();
      // Keep-alive HTTP connections would hold the close up until they idle out.
      http.closeAllConnections();
      await closing;
    },
  };
}
