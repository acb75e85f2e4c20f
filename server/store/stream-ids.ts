// Stream ids are "<ms>-<seq>"; they order entries and are compared numerically, never as strings.

function split(id: string): [bigint, bigint] {
  const dash = id.indexOf('-');
  if (dash < 0) return [BigInt(id), 0n];
  return [BigInt(id.slice(0, dash)), BigInt(id.slice(dash + 1))];
}

export function compareStreamIds(a: string, b: string): number {
  const [am, as] = split(a);
  const [bm, bs] = split(b);
  if (am !== bm) return am < bm ? -1 : 1;
  if (as !== bs) return as < bs ? -1 : 1;
  return 0;
}

/** True when `id` is at or before `position` (null: nothing is durable yet). */
export function isAtOrBefore(id: string, position: string | null): boolean {
  return position !== null && compareStreamIds(id, position) <= 0;
}
