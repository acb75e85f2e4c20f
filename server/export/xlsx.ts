// The ranking board as an XLSX workbook (ExcelJS), the same figures as the CSV and the page:
//   部门排名  title, periods, then the table (numbers stay numbers: rates rounded to 0.1% and formatted
//             as percentages, scores to two decimals, rank change formatted ↑/↓), A4 landscape;
//   红黑榜    the top and bottom five of each kind;
//   口径说明  the rules in words (shared/rules-text.ts boardDefinitions), from the rules in force.
import ExcelJS from 'exceljs';
import type { RankingsAnswer } from '../../shared/contract/snapshot.ts';
import {
  BOARD_KINDS,
  BOARD_KIND_NAMES,
  CARD_WORDS,
  COLUMNS,
  NONE,
  boardRows,
  pctValue,
  redBlack,
  type BoardRow,
  type ColumnKey,
} from '../../shared/ranking-board.ts';
import { boardDefinitions, type RuleNumbers } from '../../shared/rules-text.ts';

export interface XlsxOptions {
  /** The city in the title, e.g. 泰安市. */
  cityName?: string;
  /** The weights and thresholds in force (snapshot.rules): the 口径说明 sheet is written from them. */
  rules: RuleNumbers;
  /** When the file was made, shown under the title (local time text). */
  generatedAt?: string;
}

export const SHEET_BOARD = '部门排名';
export const SHEET_RED_BLACK = '红黑榜';
export const SHEET_FORMULA = '口径说明';
/** Row of the column titles on the board sheet (title and periods above it). */
export const HEADER_ROW = 3;

const PCT = '0.0%';
const SCORE = '0.00';
const RANK_CHANGE = '"↑"0;"↓"0;"持平"';
const SCORE_CHANGE = '+0.00;-0.00;0.00';

const CARD_FILL: Record<string, string> = { red: 'FFE5484D', yellow: 'FFF5B400', green: 'FF30A46C' };
const HEAD_FILL = 'FF1F3A5F';

const WIDTHS: Record<ColumnKey, number> = {
  kind: 14,
  rank: 6,
  name: 22,
  id: 12,
  assigned: 8,
  responseRate: 9,
  onTimeRate: 11,
  resolutionRate: 9,
  satisfactionRate: 9,
  coOnTimeRate: 11,
  score: 10,
  returned: 8,
  returnRate: 8,
  card: 6,
  redNow: 12,
  prevRank: 9,
  rankChange: 9,
  prevScore: 9,
  scoreChange: 9,
};

type Cell = string | number;

/** One row as cell values: numbers where there is a number, "—" where there is none. */
export function rowValues(b: BoardRow): Record<ColumnKey, Cell> {
  const r = b.row;
  const n = (v: number | null): Cell => (v === null ? NONE : v);
  return {
    kind: BOARD_KIND_NAMES[r.kind] ?? r.kind,
    rank: n(r.rank),
    name: r.name,
    id: r.id,
    assigned: r.assigned,
    responseRate: n(pctValue(r.responseRate)),
    onTimeRate: n(pctValue(r.onTimeRate)),
    resolutionRate: n(pctValue(r.resolutionRate)),
    satisfactionRate: n(pctValue(r.satisfactionRate)),
    coOnTimeRate: n(pctValue(r.coOnTimeRate)),
    score: n(b.score),
    returned: r.returned ?? 0,
    returnRate: n(pctValue(r.returnRate)),
    card: CARD_WORDS[r.card] ?? r.card,
    redNow: r.redNow ?? 0,
    prevRank: n(b.prevRank),
    rankChange: n(b.rankChange),
    prevScore: n(b.prevScore),
    scoreChange: n(b.scoreChange),
  };
}

const FORMATS: Partial<Record<ColumnKey, string>> = {
  responseRate: PCT,
  onTimeRate: PCT,
  resolutionRate: PCT,
  satisfactionRate: PCT,
  coOnTimeRate: PCT,
  score: SCORE,
  returnRate: PCT,
  prevScore: SCORE,
  rankChange: RANK_CHANGE,
  scoreChange: SCORE_CHANGE,
};

const thin = { style: 'thin' as const, color: { argb: 'FF8A94A6' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };

function styleHeader(row: ExcelJS.Row) {
  row.height = 22;
  row.eachCell((c) => {
    c.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEAD_FILL } };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = border;
  });
}

function writeRow(ws: ExcelJS.Worksheet, b: BoardRow): ExcelJS.Row {
  const v = rowValues(b);
  const row = ws.addRow(COLUMNS.map((c) => v[c.key]));
  COLUMNS.forEach((col, i) => {
    const cell = row.getCell(i + 1);
    cell.border = border;
    cell.alignment = { horizontal: col.key === 'name' ? 'left' : 'center', vertical: 'middle' };
    const fmt = FORMATS[col.key];
    if (fmt && typeof v[col.key] === 'number') cell.numFmt = fmt;
    if (col.key === 'card') {
      const fill = CARD_FILL[b.row.card];
      if (fill) {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
        cell.font = { bold: true, color: { argb: b.row.card === 'yellow' ? 'FF000000' : 'FFFFFFFF' } };
      }
    }
    if (col.key === 'rankChange' && typeof v.rankChange === 'number' && v.rankChange !== 0) {
      cell.font = { color: { argb: v.rankChange > 0 ? 'FF188038' : 'FFD93025' } };
    }
  });
  return row;
}

function periodLine(a: RankingsAnswer): string {
  return `统计周期：${a.from} 至 ${a.to}　对比周期：${a.previous.from} 至 ${a.previous.to}`;
}

/** The workbook as a Buffer. */
export async function rankingsXlsx(a: RankingsAnswer, o: XlsxOptions): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '连心 12345 指挥中心';
  wb.title = `部门排名 ${a.from} 至 ${a.to}`;
  const rows = boardRows(a);
  const title = `${o.cityName ?? ''}12345 热线部门排名`;
  const n = COLUMNS.length;

  // --- the board ---------------------------------------------------------------------------
  const ws = wb.addWorksheet(SHEET_BOARD, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 3 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  ws.columns = COLUMNS.map((c) => ({ key: c.key, width: WIDTHS[c.key] }));
  ws.mergeCells(1, 1, 1, n);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, n);
  ws.getCell(2, 1).value = periodLine(a) + (o.generatedAt ? `　导出时间：${o.generatedAt}` : '');
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  const head = ws.getRow(HEADER_ROW);
  head.values = COLUMNS.map((c) => c.title);
  styleHeader(head);
  for (const b of rows) writeRow(ws, b);
  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: n } };

  // --- 红黑榜 ------------------------------------------------------------------------------
  const rb = wb.addWorksheet(SHEET_RED_BLACK, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  rb.columns = COLUMNS.map((c) => ({ key: c.key, width: WIDTHS[c.key] }));
  rb.mergeCells(1, 1, 1, n);
  rb.getCell(1, 1).value = `红黑榜　${periodLine(a)}`;
  rb.getCell(1, 1).font = { bold: true, size: 14 };
  for (const kind of BOARD_KINDS) {
    const { top, bottom } = redBlack(rows, kind);
    if (top.length === 0) continue;
    for (const [name, list] of [
      [`红榜（前${top.length}名）`, top],
      [`黑榜（后${bottom.length}名）`, bottom],
    ] as const) {
      if (list.length === 0) continue;
      rb.addRow([]);
      const label = rb.addRow([`${BOARD_KIND_NAMES[kind]} ${name}`]);
      label.getCell(1).font = { bold: true, color: { argb: name.startsWith('红') ? 'FFD93025' : 'FF202124' } };
      styleHeader(rb.addRow(COLUMNS.map((c) => c.title)));
      for (const b of list) writeRow(rb, b);
    }
  }

  // --- 口径说明 ----------------------------------------------------------------------------
  const fs = wb.addWorksheet(SHEET_FORMULA);
  fs.getColumn(1).width = 120;
  fs.addRow(['口径说明']).getCell(1).font = { bold: true, size: 14 };
  fs.addRow([periodLine(a)]);
  for (const line of boardDefinitions(o.rules)) {
    fs.addRow([line]).getCell(1).alignment = { wrapText: true, vertical: 'top' };
  }

  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as unknown as ArrayBuffer);
}
