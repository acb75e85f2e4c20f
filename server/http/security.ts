// HTTP hardening (README, "Security headers and origins"): helmet with a Content-Security-Policy the
// built page passes with no violation (ECharts draws on canvas, Vue sets styles through the CSSOM,
// the fonts and the map ship with the page), framing forbidden, no MIME sniffing, no referrer; and
// the Socket.IO handshake's origin check with a small message size, so another site cannot open a
// socket with a wall's cookie (cross-site WebSocket hijacking) nor flood the server with big frames.
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { ServerOptions } from 'socket.io';

/** The policy, also what the README shows. Everything the page loads comes from its own origin. */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // Vue and ECharts set styles through element.style (the CSSOM), which CSP does not restrict.
  styleSrc: ["'self'"],
  // Vite inlines small fonts and images as data: URLs; QR codes are data: images.
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  // Same-origin fetches and the WebSocket to the page's own host ('self' covers ws: and wss: there).
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // TLS is the reverse proxy's (README, deploy): the page itself must also work on plain http://127.0.0.1.
  upgradeInsecureRequests: null,
};

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Set by nginx, which knows whether the site is served over TLS (README, deploy).
    strictTransportSecurity: false,
  });
}

/** Clients send only small control messages (focus, resync): anything bigger is refused. */
export const SOCKET_MAX_BUFFER = 16 * 1024;

/**
 * A handshake with an `Origin` (a browser) must come from the page's own host or from an origin in
 * HOTLINE_ORIGINS; programs (no Origin header) authenticate with their token as before.
 */
export function originAllowed(req: Pick<IncomingMessage, 'headers'>, allowlist: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowlist.includes(origin)) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  // Behind a proxy the Host header is the public one (proxy_set_header Host $host); X-Forwarded-Host
  // where a proxy rewrites it.
  const forwarded = req.headers['x-forwarded-host'];
  const own = [req.headers.host, ...(typeof forwarded === 'string' ? forwarded.split(',').map((h) => h.trim()) : [])];
  return own.includes(host);
}

export function socketSecurity(allowlist: readonly string[], onRefused?: (origin: string) => void): Partial<ServerOptions> {
  return {
    maxHttpBufferSize: SOCKET_MAX_BUFFER,
    allowRequest: (req, callback) => {
      if (originAllowed(req, allowlist)) return callback(null, true);
      onRefused?.(String(req.headers.origin));
      callback('origin not allowed', false);
    },
  };
}
