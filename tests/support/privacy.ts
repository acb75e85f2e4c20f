// What "nothing personal on a screen" means, as the tests check it (metrics.md, "Personal data"): no
// text holds 7 or more digits in a row once it is in NFKC form and the separators between digits
// (white space, hyphens and dashes, dots) are removed, and no text holds a citizen's name.

const BETWEEN_DIGITS = /(?<=\p{Nd})[\s\p{Pd}\u2212.·•・]+(?=\p{Nd})/gu;

/** The longest run of decimal digits in `text` after normalisation. */
export function longestDigitRun(text: string): number {
  const normal = text.normalize('NFKC').replace(BETWEEN_DIGITS, '');
  let best = 0;
  for (const m of normal.matchAll(/\p{Nd}+/gu)) best = Math.max(best, Array.from(m[0]).length);
  return best;
}

/** Every string inside a JSON-like value, with its path. */
export function stringsOf(value: unknown, path = '$'): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsOf(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [...stringsOf(k, `${path}.<key>`), ...stringsOf(v, `${path}.${k}`)]);
  }
  return [];
}

/**
 * Data the payloads carry for programs, never shown as text: ISO 8601 times and dates (dueAt, asOf,
 * today.date) and stream entry ids (lastEntryId).
 */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const isData = (path: string, s: string) => ISO_TIME.test(s) || (/\.lastEntryId$/.test(path) && /^\d+-\d+$/.test(s));

/**
 * What a payload shows that breaks the rule: strings (data aside) with 7 digits in a row, or
 * holding one of `names`. Empty when it is clean.
 */
export function personalDataIn(payload: unknown, names: readonly string[]): string[] {
  const found: string[] = [];
  for (const [path, s] of stringsOf(payload)) {
    if (isData(path, s)) continue;
    if (longestDigitRun(s) >= 7) found.push(`${path}: ${JSON.stringify(s)} has ${longestDigitRun(s)} digits in a row`);
    for (const name of names) if (s.includes(name)) found.push(`${path}: ${JSON.stringify(s)} holds the name ${name}`);
  }
  return found;
}
