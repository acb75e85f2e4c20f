// Failed sign-ins per address: after `max` failures within `windowMs` the address may not try a
// token again (HTTP 429, Socket.IO connect_error) until its oldest failure in the window is older
// than the window. In memory per process, bounded (the oldest addresses are dropped beyond
// `maxAddresses`). Credentials already held (a session or a paired wall's cookie) are not tries, so
// a wall behind the same address as someone guessing goes on working.
export interface LimiterOptions {
  max: number;
  windowMs: number;
  maxAddresses?: number;
  now?: () => number;
}

export class FailureLimiter {
  readonly #fails = new Map<string, number[]>();
  readonly #now: () => number;

  constructor(private readonly o: LimiterOptions) {
    this.#now = o.now ?? Date.now;
  }

  #recent(address: string): number[] {
    const since = this.#now() - this.o.windowMs;
    const list = (this.#fails.get(address) ?? []).filter((t) => t > since);
    if (list.length === 0) this.#fails.delete(address);
    else this.#fails.set(address, list);
    return list;
  }

  /** Seconds until this address may try again; 0 when it may now. */
  retryAfter(address: string): number {
    const list = this.#recent(address);
    if (list.length < this.o.max) return 0;
    return Math.max(1, Math.ceil((list[list.length - this.o.max]! + this.o.windowMs - this.#now()) / 1000));
  }

  /** Count a failure; answers true when this failure is the one that blocks the address. */
  fail(address: string): boolean {
    const list = this.#recent(address);
    list.push(this.#now());
    if (list.length > this.o.max) list.splice(0, list.length - this.o.max);
    this.#fails.delete(address);
    this.#fails.set(address, list);
    const cap = this.o.maxAddresses ?? 100_000;
    while (this.#fails.size > cap) this.#fails.delete(this.#fails.keys().next().value!);
    return list.length === this.o.max;
  }

  /** Forget addresses with no failure in the window (the server calls it now and then). */
  prune(): void {
    for (const a of [...this.#fails.keys()]) this.#recent(a);
  }
}
