// The real CLI (server/main.ts) in a child process, for what only a process can show: SIGKILL in
// the middle of the stream, exit codes and start-up messages.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ChildServer {
  child: ChildProcess;
  output(): string;
  /** The URL it printed once listening. */
  url(): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** The build `npm run build` makes and `npm run server` runs. */
export const COMPILED_SERVER = 'dist/server/main.js';

export function spawnServer(env: Record<string, string>, o: { compiled?: boolean } = {}): ChildServer {
  // node --import tsx: one process, so a signal reaches the server itself (npx would wrap it).
  // compiled: plain node on the build, as in production.
  const args = o.compiled ? [COMPILED_SERVER] : ['--import', 'tsx', 'server/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d.toString()));
  child.stderr!.on('data', (d) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    output: () => out,
    url: () => waitFor('the child server to listen', () => /listening on (http:\/\/\S+)/.exec(out)?.[1], { timeoutMs: 60_000 }),
    exited,
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
