// The ranking board as CSV for Excel on Chinese Windows: UTF-8 with a byte-order mark (without it
// Excel reads GBK and shows mojibake), CRLF line ends, RFC 4180 quoting. Pure.
import type { RankingsAnswer } from '../../shared/contract/snapshot.ts';
import { COLUMNS, boardRows, rowTexts } from '../../shared/ranking-board.ts';

export const BOM = '\uFEFF';

/** Quotes a field when it must be (comma, quote, line break; spaces kept as they are). */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A text a producer chose (a unit's name or code) that a spreadsheet would take for a formula
 * (=, +, -, @, tab, CR) is prefixed with an apostrophe: CSV injection (OWASP).
 */
export function defuse(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** Header row, then one row per department in the answer's order. */
export function rankingsCsv(a: RankingsAnswer): string {
  const lines = [COLUMNS.map((c) => csvField(c.title)).join(',')];
  for (const b of boardRows(a)) {
    const t = rowTexts(b);
    t.name = defuse(t.name);
    t.id = defuse(t.id);
    lines.push(COLUMNS.map((c) => csvField(t[c.key])).join(','));
  }
  return BOM + lines.join('\r\n') + '\r\n';
}

/** Parses CSV text (RFC 4180, a leading BOM dropped): for the tests and for anyone checking a file. */
export function parseCsv(text: string): string[][] {
  const s = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
