// The rankings' view: department rows grouped by kind (in the snapshot's order), and the
// definitions (口径说明) written from snapshot.rules (pure).
import { DEPT_KINDS, type DeptKind } from '@shared/contract/events.ts';
import type { DepartmentRow, Snapshot } from '@shared/contract/snapshot.ts';
import { DEPT_KIND_LABELS } from '../../../../lib/labels.ts';

export interface KindGroup {
  kind: DeptKind;
  label: string;
  rows: DepartmentRow[];
}

export function groupByKind(rows: DepartmentRow[]): KindGroup[] {
  return DEPT_KINDS.map((kind) => ({ kind, label: DEPT_KIND_LABELS[kind], rows: rows.filter((r) => r.kind === kind) }));
}

const pctW = (w: number, total: number) => `${Math.round((w / (total || 1)) * 100)}%`;

/** The formula and card thresholds in words, from the rules the server applies. */
export function definitions(rules: Snapshot['rules'] | undefined | null): string[] {
  if (!rules) return [];
  const w = rules.weights;
  const total = w.response + w.onTime + w.resolution + w.satisfaction;
  return [
    `综合得分 = 100 × Σ(权重 × 率) ÷ Σ权重（无数据的率不计）：响应率 ${pctW(w.response, total)}、按时办结率 ${pctW(w.onTime, total)}、解决率 ${pctW(w.resolution, total)}、满意率 ${pctW(w.satisfaction, total)}`,
    `单位亮牌：红牌 = 得分 < ${rules.scoreRed} 或 当前红牌工单 ≥ ${rules.redTicketsRed} 件；黄牌 = 得分 < ${rules.scoreYellow} 或 红牌工单 ≥ ${rules.redTicketsYellow} 件；其余绿牌`,
    `排名：同类单位按得分（两位小数）降序，再按派单量；响应率 = 按时签收/应签收，按时办结率 = 按期答复/答复，解决率：解决 1、部分 0.5、未解决 0；满意率 = 满意与基本满意/有效评价`,
  ];
}
