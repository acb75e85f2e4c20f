// The one live copy of the core's state and rules in this process. The consumer replaces `state`
// when it (re)loads from Redis; every reader takes `engine.state` afresh on each use.
import type { CoreState, Rules } from '../../shared/domain/index.ts';

export interface Engine {
  rules: Rules;
  state: CoreState;
  tz: string;
  clock: 'wall' | 'event';
}
