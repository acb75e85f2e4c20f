// The ranking board of a department ranking meeting (部门排名), computed once from a RankingsAnswer:
// each row beside its previous-period row (rank change ↑↓, score change), the 红黑榜 (top and bottom
// of each kind) and the figures exactly as shown. Pure, types only: the CSV and XLSX exports here
// and the browser's ranking page (client/src/views/rankings) import this same module, so the page,
// the spreadsheet and the printout never disagree. The words of the rules (口径说明) beside it are
// shared/rules-text.ts's boardDefinitions.
import type { DeptKind } from './contract/events.ts';
import type { DepartmentRow, RankingsAnswer } from './contract/snapshot.ts';
import { CARD_WORDS, DEPT_KIND_LABELS, FIGURE_NAMES, RATE_NAMES } from './rules-text.ts';

/** Kinds in the contract's order (分级分类); their names, and the cards', are shared/rules-text.ts's. */
export const BOARD_KINDS: readonly DeptKind[] = ['county', 'department', 'enterprise'];
export { CARD_WORDS, DEPT_KIND_LABELS as BOARD_KIND_NAMES };

/** What stands for a figure that does not exist (a rate with no denominator, no previous rank). */
export const NONE = '—';

/**
 * Rounds to `digits` decimals, halves away from zero, robust to binary fractions (84.125 → 84.13):
 * the rounding the contract uses for ranks (shared/domain round2).
 */
export function roundTo(x: number, digits: number): number {
  const f = 10 ** digits;
  const scaled = Number((Math.abs(x) * f).toPrecision(12));
  const r = (Math.sign(x) * Math.round(scaled)) / f;
  return r === 0 ? 0 : r; // no -0
}

/** A rate 0..1 as the percentage shown: 0.93649 → "93.6%"; null → "—". */
export function pctText(rate: number | null): string {
  return rate === null ? NONE : `${roundTo(rate * 100, 1).toFixed(1)}%`;
}

/** A rate rounded as shown, still a fraction: 0.93649 → 0.936 (a spreadsheet formats it 93.6%). */
export function pctValue(rate: number | null): number | null {
  return rate === null ? null : roundTo(rate, 3);
}

/** The score with two decimals: 97.4915 → "97.49". */
export function scoreText(score: number | null): string {
  return score === null ? NONE : roundTo(score, 2).toFixed(2);
}

/** Rank change in words: "↑2" (moved up two places), "↓1", "持平", or "—" with nothing to compare. */
export function rankChangeText(change: number | null): string {
  if (change === null) return NONE;
  if (change > 0) return `↑${change}`;
  if (change < 0) return `↓${-change}`;
  return '持平';
}

/** Score change with its sign: "+2.23", "-1.05", "0.00", or "—". */
export function scoreChangeText(change: number | null): string {
  if (change === null) return NONE;
  return change > 0 ? `+${change.toFixed(2)}` : change.toFixed(2);
}

export interface BoardRow {
  row: DepartmentRow;
  /** Score rounded to two decimals (what ranks are decided on and what is shown). */
  score: number | null;
  /** The same department in the previous period, if it was listed then. */
  previous: DepartmentRow | null;
  prevRank: number | null;
  prevScore: number | null;
  /** Places moved up since the previous period (previous rank − rank); null when either is null. */
  rankChange: number | null;
  /** Rounded score − rounded previous score, two decimals; null when either is null. */
  scoreChange: number | null;
}

/** Every department of the period in the answer's order, each with its previous-period figures. */
export function boardRows(a: RankingsAnswer): BoardRow[] {
  const before = new Map(a.previous.departments.map((d) => [d.id, d]));
  return a.departments.map((row) => {
    const previous = before.get(row.id) ?? null;
    // A unit that changed kind was ranked among others: its places do not compare.
    const comparable = previous !== null && previous.kind === row.kind;
    const score = row.score === null ? null : roundTo(row.score, 2);
    const prevScore = previous?.score == null ? null : roundTo(previous.score, 2);
    const prevRank = comparable ? previous.rank : null;
    return {
      row,
      score,
      previous,
      prevRank,
      prevScore,
      rankChange: row.rank !== null && prevRank !== null ? prevRank - row.rank : null,
      scoreChange: score !== null && prevScore !== null ? roundTo(score - prevScore, 2) : null,
    };
  });
}

export interface RedBlack {
  kind: DeptKind;
  /** 红榜: the best, rank 1 first. */
  top: BoardRow[];
  /** 黑榜: the worst, the last rank last. */
  bottom: BoardRow[];
}

/**
 * 红黑榜 of one kind among the ranked units: the top `size` and the bottom `size`. With fewer than
 * 2 × size ranked units the two lists split them (the better half red, the rest black) so that no unit
 * is on both.
 */
export function redBlack(rows: BoardRow[], kind: DeptKind, size = 5): RedBlack {
  const ranked = rows.filter((r) => r.row.kind === kind && r.row.rank !== null).sort((x, y) => x.row.rank! - y.row.rank!);
  const n = ranked.length;
  const topN = Math.min(size, Math.ceil(n / 2));
  const bottomN = Math.min(size, n - topN);
  return { kind, top: ranked.slice(0, topN), bottom: ranked.slice(n - bottomN) };
}

/** The table's columns, in order: one list for the CSV, the XLSX and the page. */
export const COLUMNS = [
  { key: 'kind', title: FIGURE_NAMES.kind },
  { key: 'rank', title: FIGURE_NAMES.rank },
  { key: 'name', title: FIGURE_NAMES.name },
  { key: 'id', title: FIGURE_NAMES.id },
  { key: 'assigned', title: FIGURE_NAMES.assigned },
  { key: 'responseRate', title: RATE_NAMES.responseRate },
  { key: 'onTimeRate', title: RATE_NAMES.onTimeRate },
  { key: 'resolutionRate', title: RATE_NAMES.resolutionRate },
  { key: 'satisfactionRate', title: RATE_NAMES.satisfactionRate },
  { key: 'coOnTimeRate', title: RATE_NAMES.coOnTimeRate },
  { key: 'score', title: FIGURE_NAMES.score },
  { key: 'returned', title: FIGURE_NAMES.returned },
  { key: 'returnRate', title: RATE_NAMES.returnRate },
  { key: 'card', title: FIGURE_NAMES.card },
  { key: 'redNow', title: FIGURE_NAMES.redNow },
  { key: 'prevRank', title: '上期排名' },
  { key: 'rankChange', title: '排名变化' },
  { key: 'prevScore', title: '上期得分' },
  { key: 'scoreChange', title: '得分变化' },
] as const;

export type ColumnKey = (typeof COLUMNS)[number]['key'];

/** One row as the words shown (the CSV's cells). */
export function rowTexts(b: BoardRow): Record<ColumnKey, string> {
  const r = b.row;
  return {
    kind: DEPT_KIND_LABELS[r.kind] ?? r.kind,
    rank: r.rank === null ? NONE : String(r.rank),
    name: r.name,
    id: r.id,
    assigned: String(r.assigned),
    responseRate: pctText(r.responseRate),
    onTimeRate: pctText(r.onTimeRate),
    resolutionRate: pctText(r.resolutionRate),
    satisfactionRate: pctText(r.satisfactionRate),
    coOnTimeRate: pctText(r.coOnTimeRate),
    score: scoreText(r.score),
    returned: String(r.returned ?? 0),
    returnRate: pctText(r.returnRate),
    card: CARD_WORDS[r.card] ?? r.card,
    redNow: String(r.redNow ?? 0),
    prevRank: b.prevRank === null ? NONE : String(b.prevRank),
    rankChange: rankChangeText(b.rankChange),
    prevScore: scoreText(b.prevScore),
    scoreChange: scoreChangeText(b.scoreChange),
  };
}

/** The file name of an export: 部门排名_2026-11-01_2026-11-29.xlsx. */
export function exportFileName(a: { from: string; to: string }, ext: 'csv' | 'xlsx'): string {
  return `部门排名_${a.from}_${a.to}.${ext}`;
}
