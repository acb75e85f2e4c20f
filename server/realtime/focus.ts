// Focus: which district or department a leader put on the walls (screen state, never a stream
// event). One focus per named wall and one for all walls ('*'); a named wall's own focus wins.
// Each lapses after its seconds on an unref'd timer.
import type { Focus } from '../../shared/contract/snapshot.ts';
import { formatLocalIso } from '../util/time.ts';

export const ALL_WALLS = '*';

interface Held {
  focus: Focus;
  timer: NodeJS.Timeout;
}

export class FocusBoard {
  readonly #held = new Map<string, Held>();

  constructor(
    private readonly tz: string,
    /** Called with the wall key ('*' or a name) whose focus changed. */
    private readonly changed: (wallKey: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  set(f: { scope: Focus['scope']; id: string; wall: string | null; seconds: number }, by: string): Focus {
    const key = f.wall ?? ALL_WALLS;
    this.#drop(key);
    const focus: Focus = {
      scope: f.scope,
      id: f.id,
      wall: f.wall,
      by,
      until: formatLocalIso(this.now() + f.seconds * 1000, this.tz),
    };
    const timer = setTimeout(() => {
      if (this.#held.get(key)?.focus === focus) this.release(f.wall);
    }, f.seconds * 1000);
    timer.unref();
    this.#held.set(key, { focus, timer });
    this.changed(key);
    return focus;
  }

  release(wall: string | null): void {
    const key = wall ?? ALL_WALLS;
    if (this.#drop(key)) this.changed(key);
  }

  /** What a wall shows: its own focus, else the all-walls one, else none. */
  effectiveFor(wall: string | null): Focus | null {
    return (wall !== null ? this.#held.get(wall)?.focus : undefined) ?? this.#held.get(ALL_WALLS)?.focus ?? null;
  }

  clear(): void {
    for (const h of this.#held.values()) clearTimeout(h.timer);
    this.#held.clear();
  }

  #drop(key: string): boolean {
    const h = this.#held.get(key);
    if (!h) return false;
    clearTimeout(h.timer);
    this.#held.delete(key);
    return true;
  }
}
