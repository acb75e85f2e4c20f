// Who may read GET /metrics (README, "Metrics"): an admin (Bearer token or admin session), or a
// direct connection from an address in HOTLINE_METRICS_ALLOW (a Prometheus on the same host or
// network). A request that came through a proxy (X-Forwarded-For or Forwarded present) never counts
// as coming from an allowed address: behind nginx every request arrives from 127.0.0.1.
import type { BlockList } from 'node:net';
import type { RequestHandler } from 'express';
import { addressAllowed } from './env.ts';
import type { Metrics } from './metrics.ts';

export function serveMetrics(metrics: Metrics | undefined): RequestHandler {
  return async (_req, res, next) => {
    if (!metrics) return void res.status(404).json({ error: 'metrics are not enabled' });
    try {
      const text = await metrics.text();
      res.set('Content-Type', metrics.contentType).set('Cache-Control', 'no-store').send(text);
    } catch (err) {
      next(err);
    }
  };
}

/** Serves the metrics at once for an allowed address; otherwise on to the token check. */
export function metricsByAddress(allow: BlockList, serve: RequestHandler): RequestHandler {
  return (req, res, next) => {
    const proxied = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
    if (!proxied && addressAllowed(allow, req.socket.remoteAddress)) return serve(req, res, next);
    next();
  };
}
