// Builds the client (vite build) when dist/client/index.html is missing or older than anything the
// client is made of.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) {
    // Tests are not part of the page.
    if (name === 'node_modules' || name === 'test' || name.startsWith('.') || name.endsWith('.test.ts')) continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

/** True when it built; throws when the build fails. */
export async function ensureClientBuilt(root: string, log: (line: string) => void): Promise<boolean> {
  const built = join(root, 'dist/client/index.html');
  const sources = ['client', 'shared', 'vite.config.ts', 'package.json'].map((p) => newestMtime(join(root, p)));
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources)) return false;
  log(existsSync(built) ? 'client sources changed: building the client (vite build)' : 'building the client (vite build)');
  const t0 = performance.now();
  const vite = join(root, 'node_modules/.bin/vite');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(vite, ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build failed (exit code ${code})`))));
  });
  log(`client built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return true;
}
