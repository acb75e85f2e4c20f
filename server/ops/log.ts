// JSON logs with pino (README, "Logs"): one line per log event, `msg` the sentence the old console
// logger printed, plus pino's time, level and pid. `npm start` pipes them through pino-pretty.
import { pino, type DestinationStream, type Logger as Pino } from 'pino';
import type { Logger } from '../util/log.ts';
import type { OpsEnv } from './env.ts';

export interface JsonLogger extends Logger {
  pino: Pino;
}

/** Never logged, wherever they appear in an object handed to the logger. */
export const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'token',
  'password',
  '*.token',
  '*.password',
];

export function jsonLogger(level: OpsEnv['logLevel'] = 'info', stream?: DestinationStream): JsonLogger {
  const p = pino({ level, base: { pid: process.pid, name: 'lianxin' }, redact: { paths: REDACT, censor: '[redacted]' } }, stream);
  return fromPino(p);
}

export function fromPino(p: Pino): JsonLogger {
  return {
    pino: p,
    info: (m) => p.info(m),
    warn: (m) => p.warn(m),
    error: (m) => p.error(m),
  };
}

export function pinoOf(log: Logger): Pino | null {
  return (log as Partial<JsonLogger>).pino ?? null;
}
