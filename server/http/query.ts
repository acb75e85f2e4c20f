// Query-string helpers: Express gives a string, an array (repeated key) or nothing.

export function optionalString(query: unknown, key: string): { ok: true; value: string | undefined } | { ok: false } {
  const v = (query as Record<string, unknown>)[key];
  if (v === undefined) return { ok: true, value: undefined };
  if (typeof v === 'string') return { ok: true, value: v };
  return { ok: false };
}
