// `npm start` prints the server's JSON log lines through pino-pretty, in-process and synchronously
// (a terminal to read, not a log shipper). `npm run server` prints the JSON lines themselves.
import { pino } from 'pino';
import pretty from 'pino-pretty';
import { fromPino, REDACT, type JsonLogger } from '../../server/ops/log.ts';

export function prettyLogger(level: string): JsonLogger {
  const stream = pretty({ colorize: process.stdout.isTTY, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,name', sync: true });
  return fromPino(pino({ level, redact: { paths: REDACT, censor: '[redacted]' } }, stream));
}
