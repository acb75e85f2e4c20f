// "Now" for a reader (rankings, warnings, ticket detail, supervise): the centre's asOf, or the wall
// clock before any event under HOTLINE_CLOCK=event (metrics.md: "today" is then the wall clock's).
import { asOfMs } from '../../shared/domain/index.ts';
import type { Engine } from './engine.ts';

export function readerNow(engine: Engine, wallNow = Date.now()): number {
  return asOfMs(engine.state, engine.rules, wallNow) ?? wallNow;
}
