// vitest globalSetup of the integration project: one real redis-server for the whole run, its URL
// given to the tests with provide('redisUrl'); test files keep apart by unique stream and instance
// names (server.ts), so they never need to flush it.
import type { TestProject } from 'vitest/node';
import { startRedisServer } from './redis-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const redis = await startRedisServer({ appendonly: true });
  project.provide('redisUrl', redis.url);
  return () => redis.destroy();
}
