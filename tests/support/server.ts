// An isolated server per test: its own stream and instance names on the shared test Redis, quiet
// logs, port 0 on 127.0.0.1, the event clock unless a test says otherwise.
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { startServer, type RunningServer, type StartOptions } from '../../server/app.ts';
import { silentLogger, type Logger } from '../../server/util/log.ts';
import { HOTLINE_TOKENS } from './tokens.ts';

export interface TestServer extends RunningServer {
  stream: string;
  instance: string;
  redisUrl: string;
  env: Record<string, string>;
}

export function uniqueNames(label = 't'): { stream: string; instance: string } {
  const id = randomUUID().slice(0, 8);
  return { stream: `test:${label}:${id}:events`, instance: `${label}-${id}` };
}

export function testEnv(
  o: { redisUrl?: string; stream?: string; instance?: string; env?: Record<string, string> } = {},
): Record<string, string> {
  const names = uniqueNames();
  return {
    HOTLINE_TOKENS,
    REDIS_URL: o.redisUrl ?? inject('redisUrl'),
    PORT: '0',
    HOST: '127.0.0.1',
    HOTLINE_STREAM: o.stream ?? names.stream,
    HOTLINE_INSTANCE: o.instance ?? names.instance,
    HOTLINE_CLOCK: 'event',
    HOTLINE_PUSH_MS: '100',
    HOTLINE_STATIC: '/nonexistent/lianxin-client',
    ...o.env,
  };
}

export async function startTestServer(
  o: {
    redisUrl?: string;
    stream?: string;
    instance?: string;
    env?: Record<string, string>;
    log?: Logger;
    testSeams?: StartOptions['testSeams'];
  } = {},
): Promise<TestServer> {
  const env = testEnv(o);
  const s = await startServer(env, { log: o.log ?? (process.env.LIANXIN_TEST_LOG ? undefined : silentLogger), testSeams: o.testSeams });
  return Object.assign(s, { stream: env.HOTLINE_STREAM, instance: env.HOTLINE_INSTANCE, redisUrl: env.REDIS_URL, env });
}
