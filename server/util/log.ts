// One small logging seam, so tests can run many servers quietly and main.ts can print to the console.
export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export const consoleLogger: Logger = {
  info: (m) => console.log(`[lianxin] ${m}`),
  warn: (m) => console.warn(`[lianxin] ${m}`),
  error: (m) => console.error(`[lianxin] ${m}`),
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** Logs a repeating message (Redis down, lock busy) once, then at most every `everyMs`. */
export function throttled(log: (m: string) => void, everyMs: number): (m: string) => void {
  let last = 0;
  let lastMsg = '';
  return (m) => {
    const now = Date.now();
    if (m !== lastMsg || now - last >= everyMs) {
      last = now;
      lastMsg = m;
      log(m);
    }
  };
}
