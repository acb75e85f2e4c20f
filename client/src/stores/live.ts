// The one live store: the latest snapshot from the socket, the server-following clock, staleness,
// the leader's focus and short-lived alerts. Every view (wall, leader, rankings) reads this store;
// only src/live/socket.ts (or a test, or demo mode) writes to it.
//
//   snapshot  'snapshot' replaces it; 'patch' { seq, ops } is applied (RFC 6902) on a clone when
//             seq === last + 1, otherwise the store asks for a resync and drops patches until the
//             next snapshot. Values are never cleared on disconnect: they are marked stale.
//   clock     serverNowMs = kiosk time + (builtAt − arrival time of the last message).
//   staleness disconnected, serverSilent (no message for serverSilentMs), streamSilent
//             (lastEntryAt older than streamSilentMs on the server's clock).
import { defineStore } from 'pinia';
import { applyPatch } from 'rfc6902';
import { computed, onScopeDispose, reactive, ref, shallowRef } from 'vue';
import type { Focus, PatchMessage, Snapshot, WarningItem } from '@shared/contract/snapshot.ts';
import { detectAlerts, type LiveAlert } from '../live/alerts.ts';
import { applyPatchShared } from '../live/patch.ts';
import { DEFAULT_TZ } from '../lib/time.ts';

export interface LiveOptions {
  /** Server heartbeat is 5 s: silence for over two of them (plus slack) means a broken link. */
  serverSilentMs: number;
  /** No stream entry processed for this long: the ticket/phone systems are quiet or cut off. */
  streamSilentMs: number;
  /** How long a row stays highlighted after an alert. */
  highlightMs: number;
  /** Re-ask for a snapshot when a requested resync has not come after this long. */
  resyncRetryMs: number;
  /** Alerts kept (bounded). */
  maxAlerts: number;
}

export const LIVE_DEFAULTS: LiveOptions = {
  serverSilentMs: 12_000,
  streamSilentMs: 60_000,
  highlightMs: 10_000,
  resyncRetryMs: 5_000,
  maxAlerts: 20,
};

/** How often the store's clock ticks (the only timer of the store). */
export const TICK_MS = 1000;

export type PatchResult = 'applied' | 'gap' | 'failed' | 'ignored';

export interface StaleState {
  /** No socket connection (or never connected yet). */
  disconnected: boolean;
  /** Connected but no message for longer than serverSilentMs. */
  serverSilent: boolean;
  /** The server is fine but no stream entry for longer than streamSilentMs (or none yet). */
  streamSilent: boolean;
  /** Figures may be out of date: disconnected, server silent or no snapshot yet. Grey them out. */
  stale: boolean;
  /** Kiosk ms since the last message (null before one). */
  messageAgeMs: number | null;
  /** Server ms since the last processed stream entry (null before one). */
  streamAgeMs: number | null;
  /** Server-clock ms when the figures were last known good (the last message), for "since". */
  sinceMs: number | null;
}

export type ConnectionPhase = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'unauthorized' | 'demo';

export const useLiveStore = defineStore('live', () => {
  const options = reactive<LiveOptions>({ ...LIVE_DEFAULTS });

  const snapshot = shallowRef<Snapshot | null>(null);
  const connected = ref(false);
  const everConnected = ref(false);
  const connecting = ref(false);
  const connectionError = ref<string | null>(null);
  const reconnectAttempts = ref(0);
  const demo = ref(false);
  /** Kiosk ms of the last message (snapshot or patch, even one that could not be applied). */
  const lastMessageAt = ref<number | null>(null);
  const disconnectedAt = ref<number | null>(null);
  const connectedAt = ref<number | null>(null);
  /** Server builtAt − kiosk arrival time, ms. */
  const offsetMs = ref(0);
  /** Kiosk time, advanced by the store's 1 s tick (or tick(now) in tests). */
  const clockMs = ref(Date.now());
  const awaitingResync = ref(false);
  let resyncAskedAt = 0;
  const focus = ref<Focus | null>(null);
  const alerts = ref<LiveAlert[]>([]);
  const stats = reactive({ snapshots: 0, patches: 0, gaps: 0, failures: 0, resyncRequests: 0 });
  let resyncHandler: (() => void) | null = null;

  // --- clock -------------------------------------------------------------------------------
  const serverNowMs = computed(() => clockMs.value + offsetMs.value);
  const timeZone = computed(() => snapshot.value?.rules?.timeZone ?? DEFAULT_TZ);
  /**
   * "Now" for the figures: the server clock under HOTLINE_CLOCK=wall; under the event clock
   * (replays) the snapshot's asOf, which moves only with events.
   */
  const figuresNowMs = computed(() => {
    const s = snapshot.value;
    if (s?.rules?.clock === 'event' && s.asOf) return Date.parse(s.asOf);
    return serverNowMs.value;
  });

  // --- staleness ---------------------------------------------------------------------------
  const staleState = computed<StaleState>(() => {
    const now = clockMs.value;
    const s = snapshot.value;
    const messageAgeMs = lastMessageAt.value === null ? null : Math.max(0, now - lastMessageAt.value);
    const lastEntry = s?.lastEntryAt ? Date.parse(s.lastEntryAt) : null;
    const streamAgeMs = lastEntry === null ? null : Math.max(0, serverNowMs.value - lastEntry);
    if (demo.value) {
      return { disconnected: false, serverSilent: false, streamSilent: false, stale: false, messageAgeMs, streamAgeMs, sinceMs: null };
    }
    const disconnected = !connected.value;
    const heardAt = Math.max(lastMessageAt.value ?? -Infinity, connectedAt.value ?? -Infinity);
    // Silence means a broken link after more than two of the server's heartbeats (its own setting).
    const silentAfter = s?.rules?.heartbeatMs ? Math.max(options.serverSilentMs, 2.4 * s.rules.heartbeatMs) : options.serverSilentMs;
    const serverSilent = !disconnected && Number.isFinite(heardAt) && now - heardAt > silentAfter;
    const streamSilent = s !== null && (streamAgeMs === null || streamAgeMs > options.streamSilentMs);
    const stale = disconnected || serverSilent || s === null;
    const sinceMs = lastMessageAt.value === null ? null : lastMessageAt.value + offsetMs.value;
    return { disconnected, serverSilent, streamSilent, stale, messageAgeMs, streamAgeMs, sinceMs };
  });
  const stale = computed(() => staleState.value.stale);

  const phase = computed<ConnectionPhase>(() => {
    if (demo.value) return 'demo';
    if (connectionError.value === 'unauthorized') return 'unauthorized';
    if (connected.value) return 'live';
    if (everConnected.value) return 'reconnecting';
    return connecting.value ? 'connecting' : 'idle';
  });

  // --- alerts ------------------------------------------------------------------------------
  /** Ticket ids highlighted now (alert younger than highlightMs) → the alert's kind. */
  const highlighted = computed(() => {
    const m = new Map<string, LiveAlert>();
    for (const a of alerts.value) {
      if (a.ticketId && clockMs.value - a.at < options.highlightMs) m.set(a.ticketId, a);
    }
    return m;
  });
  /** Alerts still within highlightMs (for a toast). */
  const recentAlerts = computed(() => alerts.value.filter((a) => clockMs.value - a.at < options.highlightMs));

  // --- lookups -----------------------------------------------------------------------------
  const districtNames = computed(() => new Map((snapshot.value?.districts ?? []).map((d) => [d.code, d.name])));
  function districtName(code: string): string {
    return districtNames.value.get(code) ?? code;
  }
  const deptNames = computed(() => new Map((snapshot.value?.departments ?? []).map((d) => [d.id, d.name])));
  /** A department's name from the snapshot's rankings (every unit ever assigned or co-assigned); its id otherwise. */
  function deptName(id: string): string {
    return deptNames.value.get(id) ?? id;
  }
  const allWarnings = computed<WarningItem[]>(() => {
    const w = snapshot.value?.warnings;
    return w ? [...w.red, ...w.yellow] : [];
  });

  // --- actions -----------------------------------------------------------------------------
  function commit(next: Snapshot, at: number) {
    const prev = snapshot.value;
    snapshot.value = next;
    lastMessageAt.value = at;
    clockMs.value = at;
    const built = Date.parse(next.builtAt);
    if (Number.isFinite(built)) offsetMs.value = built - at;
    const fresh = detectAlerts(prev, next, at);
    if (fresh.length) alerts.value = [...alerts.value, ...fresh].slice(-options.maxAlerts);
  }

  /** A whole snapshot: replaces the state (first one, reconnect, resync, or server's choice). */
  function receiveSnapshot(s: Snapshot, at: number = Date.now()) {
    stats.snapshots++;
    awaitingResync.value = false;
    commit(s, at);
  }

  /** A patch against the previous message. Anything but the next seq asks for a resync. */
  function receivePatch(p: PatchMessage, at: number = Date.now()): PatchResult {
    lastMessageAt.value = at;
    clockMs.value = at;
    const cur = snapshot.value;
    if (awaitingResync.value) {
      if (at - resyncAskedAt > options.resyncRetryMs) requestResync(at);
      return 'ignored';
    }
    if (!cur || p.seq !== cur.seq + 1) {
      stats.gaps++;
      requestResync(at);
      return 'gap';
    }
    // Untouched parts are shared with the previous snapshot; anything unusual takes the full copy.
    let clone = applyPatchShared(cur, p.ops);
    if (clone === null) {
      clone = structuredClone(cur) as Snapshot;
      let errors: unknown[];
      try {
        errors = applyPatch(clone, p.ops);
      } catch (e) {
        errors = [e];
      }
      if (errors.some((e) => e !== null && e !== undefined)) {
        stats.failures++;
        requestResync(at);
        return 'failed';
      }
    }
    clone.seq = p.seq;
    stats.patches++;
    commit(clone, at);
    return 'applied';
  }

  function requestResync(at: number = Date.now()) {
    awaitingResync.value = true;
    resyncAskedAt = at;
    stats.resyncRequests++;
    resyncHandler?.();
  }

  /** Who sends 'resync' to the server (the socket binding sets it). */
  function setResyncHandler(fn: (() => void) | null) {
    resyncHandler = fn;
  }

  function setConnecting(v: boolean) {
    connecting.value = v;
  }

  function setConnected(v: boolean, at: number = Date.now()) {
    if (v === connected.value) return;
    connected.value = v;
    clockMs.value = at;
    if (v) {
      everConnected.value = true;
      connectedAt.value = at;
      connectionError.value = null;
      disconnectedAt.value = null;
      reconnectAttempts.value = 0;
      // The server answers a (re)connection with a snapshot: patches until then are meaningless.
      awaitingResync.value = false;
    } else {
      disconnectedAt.value = at;
    }
  }

  function setConnectionError(message: string | null) {
    connectionError.value = message;
  }

  function setReconnectAttempts(n: number) {
    reconnectAttempts.value = n;
  }

  function setFocus(f: Focus | null) {
    focus.value = f;
  }

  /** Demo mode: show a fixed snapshot as if live, no socket, never stale. */
  function loadDemo(s: Snapshot, at: number = Date.now()) {
    demo.value = true;
    receiveSnapshot(s, at);
  }

  function configure(o: Partial<LiveOptions>) {
    Object.assign(options, o);
  }

  /** Advances the clock; expires the focus and old alerts; retries a resync that did not come. */
  function tick(now: number = Date.now()) {
    clockMs.value = now;
    const f = focus.value;
    if (f && Date.parse(f.until) <= serverNowMs.value) focus.value = null;
    if (awaitingResync.value && connected.value && now - resyncAskedAt > options.resyncRetryMs) requestResync(now);
    if (alerts.value.length && now - alerts.value[0]!.at > options.highlightMs * 6) {
      alerts.value = alerts.value.filter((a) => now - a.at <= options.highlightMs * 6);
    }
  }

  const timer = setInterval(() => tick(), TICK_MS);
  onScopeDispose(() => clearInterval(timer));

  return {
    // state
    options,
    snapshot,
    connected,
    everConnected,
    connectionError,
    reconnectAttempts,
    demo,
    lastMessageAt,
    disconnectedAt,
    offsetMs,
    clockMs,
    awaitingResync,
    focus,
    alerts,
    stats,
    // derived
    serverNowMs,
    figuresNowMs,
    timeZone,
    staleState,
    stale,
    phase,
    highlighted,
    recentAlerts,
    allWarnings,
    districtName,
    deptName,
    // actions
    receiveSnapshot,
    receivePatch,
    requestResync,
    setResyncHandler,
    setConnecting,
    setConnected,
    setConnectionError,
    setReconnectAttempts,
    setFocus,
    loadDemo,
    configure,
    tick,
  };
});

export type LiveStore = ReturnType<typeof useLiveStore>;
