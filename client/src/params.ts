// Page parameters, read once from the URL: both the query before the hash (?token=…#/wall) and a
// query after it (#/wall?token=…) are accepted; the latter wins.
export interface PageParams {
  /** Bearer token for Socket.IO (auth.token) and /api/v1. */
  token: string | null;
  /** This wall's name, so a leader can focus one named wall. */
  wall: string | null;
  /** Design canvas override (default 1920×1080). */
  width: number;
  height: number;
  /** Seconds between the overview and the districts view; null: no rotation. */
  rotateSec: number | null;
  /** Alert sound (Web Audio). */
  sound: boolean;
  /** Daily full reload at this local time, "HH:MM"; null: none. */
  reloadAt: string | null;
  /** Render the fixture snapshot without a socket (demo=1). */
  demo: boolean;
  /** demo=live: also play small patches through the store every few seconds. */
  demoLive: boolean;
  /** What colours the map's districts. */
  mapMetric: 'overdue' | 'open';
  /** Seconds without a stream entry before the wall says the stream is silent; null: the default. */
  streamSilentSec: number | null;
}

export const DESIGN_WIDTH = 1920;
export const DESIGN_HEIGHT = 1080;

function num(v: string | null, min: number, max: number): number | null {
  if (v === null || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) && n >= min && n <= max ? n : null;
}

const truthy = (v: string | null) => v !== null && ['1', 'true', 'yes', 'on', ''].includes(v.toLowerCase());

export function readParams(loc: { search: string; hash: string } = window.location): PageParams {
  const q = new URLSearchParams(loc.search);
  const hashQuery = loc.hash.includes('?') ? loc.hash.slice(loc.hash.indexOf('?') + 1) : '';
  for (const [k, v] of new URLSearchParams(hashQuery)) q.set(k, v);
  const reload = q.get('reload');
  return {
    token: q.get('token') || null,
    wall: q.get('wall') || null,
    width: num(q.get('w'), 320, 16384) ?? DESIGN_WIDTH,
    height: num(q.get('h'), 200, 16384) ?? DESIGN_HEIGHT,
    rotateSec: num(q.get('rotate'), 5, 86400),
    sound: truthy(q.get('sound')),
    reloadAt: reload && /^\d{1,2}:\d{2}$/.test(reload) ? reload : null,
    demo: truthy(q.get('demo')) || q.get('demo') === 'live',
    demoLive: q.get('demo') === 'live',
    mapMetric: q.get('map') === 'open' ? 'open' : 'overdue',
    streamSilentSec: num(q.get('silent'), 10, 86400),
  };
}

let cached: PageParams | null = null;
/** The params of this page load (read once). */
export function pageParams(): PageParams {
  return (cached ??= readParams());
}
