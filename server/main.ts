// `npm run server`: the HTTP and Socket.IO server alone, configured by the environment (README).
import { ConfigError } from './config/env.ts';
import { startServer } from './app.ts';
import { StoredStateError } from './store/load.ts';

async function main(): Promise<void> {
  let server;
  try {
    server = await startServer(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error('lianxin: refusing to start, the configuration is invalid:');
      for (const line of err.errors) console.error(`  ${line}`);
    } else if (err instanceof StoredStateError) {
      console.error(`lianxin: refusing to start: ${err.message}`);
    } else {
      console.error(`lianxin: failed to start: ${(err as Error).stack ?? err}`);
    }
    process.exit(1);
  }

  let stopping = false;
  const log = server.log;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Requests in flight finish first (HOTLINE_SHUTDOWN_MS), then sockets, consumer and Redis close.
    log.info(`${signal}: finishing requests in flight, then closing`);
    // A close that hangs must not keep the process up.
    setTimeout(() => process.exit(1), server.shutdownMs + 5_000).unref();
    server.close().then(
      () => {
        log.info('closed');
        process.exit(0);
      },
      (err: unknown) => {
        log.error(`close failed: ${(err as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // Deploys: every screen reloads its page.
  process.on('SIGUSR2', () => server.reload());
}

void main();
