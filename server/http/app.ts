// The Express app: health without a token, then every /api route behind the one auth middleware,
// one router per domain, then the static client.
import express, { type ErrorRequestHandler } from 'express';
import { LIMITS, perSessionLimit } from '../ops/limits.ts';
import { pinoOf } from '../ops/log.ts';
import { metricsByAddress, serveMetrics } from '../ops/metrics-route.ts';
import { requestLog } from '../ops/request-log.ts';
import { allow, authenticate } from './auth.ts';
import type { HttpContext } from './context.ts';
import { accessRouter } from './routes/access.ts';
import { adminRouter } from './routes/admin.ts';
import { analysisRouter } from './routes/analysis.ts';
import { cohandlingRouter } from './routes/cohandling.ts';
import { exportsRouter } from './routes/exports.ts';
import { healthRouter } from './routes/health.ts';
import { meRouter } from './routes/me.ts';
import { rankingsRouter } from './routes/rankings.ts';
import { snapshotRouter } from './routes/snapshot.ts';
import { ticketsRouter } from './routes/tickets.ts';
import { warningsRouter } from './routes/warnings.ts';
import { securityHeaders } from './security.ts';
import { staticRouter } from './static.ts';

export function createHttpApp(ctx: HttpContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // ---- ops: request logs, security headers, /metrics (server/ops, server/http/security.ts) ----
  const pino = pinoOf(ctx.log);
  if (pino) app.use(requestLog(pino));
  app.use(securityHeaders());
  const metrics = serveMetrics(ctx.metrics);
  app.get('/metrics', metricsByAddress(ctx.env.ops.metricsAllow, metrics), authenticate(ctx.access), allow('admin'), metrics);
  // ---------------------------------------------------------------------------------------------

  app.use(healthRouter(ctx));

  app.use('/api', (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use('/api/v1', express.json({ limit: '16kb' }));
  // Signing in and pairing come before the door: they are how a browser gets a credential.
  app.use('/api/v1', accessRouter(ctx));
  app.use('/api', authenticate(ctx.access));
  app.use('/api/v1/warnings', perSessionLimit(LIMITS.warnings));
  app.use('/api/v1/rankings/export.xlsx', perSessionLimit(LIMITS.xlsx));
  app.use('/api/v1', meRouter());
  app.use('/api/v1', snapshotRouter(ctx));
  app.use('/api/v1', rankingsRouter(ctx));
  app.use('/api/v1', warningsRouter(ctx));
  app.use('/api/v1', cohandlingRouter(ctx));
  app.use('/api/v1', ticketsRouter(ctx));
  app.use('/api/v1', adminRouter(ctx));
  app.use('/api/v1', analysisRouter(ctx));
  // ---- MOUNT POINT: rankings exports (CSV/XLSX), server/http/routes/exports.ts ----
  app.use('/api/v1', exportsRouter(ctx));
  // ---------------------------------------------------------------------------------
  app.use('/api', (req, res) => {
    res.status(404).json({ error: `no such endpoint: ${req.method} ${req.originalUrl}` });
  });

  app.use(staticRouter(ctx.env.staticDir));

  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    const e = err as { status?: number; statusCode?: number; type?: string; message?: string };
    const status = e.status ?? e.statusCode ?? 500;
    if (status === 503) ctx.log.warn(`${req.method} ${req.originalUrl}: ${(err as Error).message}`);
    else if (status >= 500) ctx.log.error(`${req.method} ${req.originalUrl}: ${(err as Error).stack ?? err}`);
    if (res.headersSent) return;
    const message =
      e.type === 'entity.parse.failed'
        ? 'the body is not valid JSON'
        : status === 503
          ? 'redis unavailable: try again shortly'
          : status >= 500
            ? 'internal error'
            : (e.message ?? 'bad request');
    res.status(status).json({ error: message });
  };
  app.use(onError);
  return app;
}
