// The ranking board of a department ranking meeting (部门排名), computed once from a RankingsAnswer:
// each row beside its previous-period row (rank change ↑↓, score change), the 红黑榜 (top and bottom
// of each kind) and the figures exactly as shown. Pure, types only: the CSV and XLSX exports here
// and the browser's ranking page (client/src/views/rankings) import this same module, so the page,
// the spreadsheet and the printout never disagree.
import type { DeptKind } from './contract/events.ts';
import type { Colour, DepartmentRow, RankingsAnswer } from './contract/snapshot.ts';

/** Kinds in the contract's order (分级分类), with their names in a meeting. */
export const BOARD_KINDS: readonly DeptKind[] = ['county', 'department', 'enterprise'];
export const BOARD_KIND_NAMES: Record<DeptKind, string> = {
  county: '区县',
  department: '市直部门',
  enterprise: '公共企事业单位',
};

export const CARD_WORDS: Record<Colour, string> = { red: '红', yellow: '黄', green: '绿' };

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
  { key: 'kind', title: '类别' },
  { key: 'rank', title: '排名' },
  { key: 'name', title: '单位' },
  { key: 'id', title: '单位编码' },
  { key: 'assigned', title: '交办量' },
  { key: 'responseRate', title: '响应率' },
  { key: 'onTimeRate', title: '按时办结率' },
  { key: 'resolutionRate', title: '解决率' },
  { key: 'satisfactionRate', title: '满意率' },
  { key: 'score', title: '综合得分' },
  { key: 'card', title: '亮牌' },
  { key: 'redNow', title: '当前红牌工单' },
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
    kind: BOARD_KIND_NAMES[r.kind] ?? r.kind,
    rank: r.rank === null ? NONE : String(r.rank),
    name: r.name,
    id: r.id,
    assigned: String(r.assigned),
    responseRate: pctText(r.responseRate),
    onTimeRate: pctText(r.onTimeRate),
    resolutionRate: pctText(r.resolutionRate),
    satisfactionRate: pctText(r.satisfactionRate),
    score: scoreText(r.score),
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

/** The formula, in words for the page, the printout and the spreadsheet's 口径说明. */
export function formulaLines(w: { response: number; onTime: number; resolution: number; satisfaction: number }): string[] {
  const sum = w.response + w.onTime + w.resolution + w.satisfaction;
  return [
    `综合得分 = 100 × Σ(权重 × 比率) ÷ Σ权重（只计有数据的比率）；权重：响应率 ${w.response}、按时办结率 ${w.onTime}、解决率 ${w.resolution}、满意率 ${w.satisfaction}（合计 ${roundTo(sum, 4)}）。`,
    '响应率：统计期内交办且已到签收时限的工单中，在签收时限内签收或退回的比例。',
    '按时办结率：统计期内的答复中，在办理时限（含延期）内答复的比例。',
    '解决率：统计期内回访的平均得分（已解决 1，部分解决 0.5，未解决 0）。',
    '满意率：统计期内有评价的回访中，满意或基本满意的比例。',
    '排名：区县、市直部门、公共企事业单位分别排名，按综合得分（保留两位小数）降序，同分按交办量降序、再按单位编码。',
    '排名变化：与上一等长统计期比较，↑ 为名次上升、↓ 为名次下降；得分变化为本期得分减上期得分。',
  ];
}

/** The unit card rule in words, from the snapshot's rules. */
export function cardRuleLine(r: { scoreRed: number; scoreYellow: number; redTicketsRed: number; redTicketsYellow: number }): string {
  return `单位亮牌：综合得分低于 ${r.scoreRed} 或当前红牌工单 ≥ ${r.redTicketsRed} 件亮红牌；低于 ${r.scoreYellow} 或红牌工单 ≥ ${r.redTicketsYellow} 件亮黄牌；其余绿牌（当前红牌工单仅在统计期含今天时计入）。`;
}
