// Graceful shutdown (README, "Stopping"): on SIGTERM the server stops accepting connections, lets
// the HTTP requests in flight finish (up to HOTLINE_SHUTDOWN_MS), and only then closes the sockets,
// the consumer and Redis. Socket.IO's own long-polling requests are not waited for: they end when
// Socket.IO closes.
import type { Server } from 'node:http';

export interface Drain {
  readonly inFlight: number;
  /** Stop listening, wait for the requests in flight (at most `ms`); true when they all finished. */
  drain(ms: number): Promise<boolean>;
}

export function trackRequests(http: Server, socketPath = '/socket.io/'): Drain {
  let inFlight = 0;
  let draining = false;
  let wake: (() => void) | null = null;
  http.on('request', (req, res) => {
    if (req.url?.startsWith(socketPath)) return;
    inFlight++;
    // Keep-alive would hold the connection open after the answer: tell the client to go.
    if (draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      inFlight--;
      if (draining) http.closeIdleConnections();
      if (inFlight === 0) wake?.();
    });
  });
  return {
    get inFlight() {
      return inFlight;
    },
    async drain(ms) {
      draining = true;
      // No new connections; the open ones stay until their requests finish. (io.close() calls close again: harmless.)
      if (http.listening) http.close();
      http.closeIdleConnections();
      if (inFlight === 0) return true;
      let timer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        new Promise<boolean>((r) => (wake = () => r(true))),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms))),
      ]);
      clearTimeout(timer);
      wake = null;
      return finished;
    },
  };
}
