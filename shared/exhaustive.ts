// Exhaustive switches: `default: return unhandled(x, 'what')` makes a new member of a union (a new
// event type, a new reason) fail to compile where it must be handled, and fail loudly if a value the
// types did not foresee arrives anyway.

export function unhandled(value: never, what: string): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value)}`);
}
