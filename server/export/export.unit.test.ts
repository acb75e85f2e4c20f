import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { DepartmentRow } from '../../shared/contract/snapshot.ts';
import { defaultConfig } from '../../shared/config.ts';
import { boardDefinitions, ruleNumbers } from '../../shared/rules-text.ts';
import { rankingsFixture } from './fixture.ts';
import {
  BOM,
  COLUMNS,
  HEADER_ROW,
  SHEET_BOARD,
  SHEET_FORMULA,
  SHEET_RED_BLACK,
  asciiExportFileName,
  attachmentDisposition,
  boardRows,
  exportFileName,
  parseCsv,
  rankingsCsv,
  rankingsXlsx,
  redBlack,
  roundTo,
} from './index.ts';

const TITLES = [
  '类别',
  '排名',
  '单位',
  '单位编码',
  '交办量',
  '响应率',
  '按时办结率',
  '解决率',
  '满意率',
  '协办按时率',
  '综合得分',
  '退单数',
  '退单率',
  '亮牌',
  '当前红牌工单',
  '上期排名',
  '排名变化',
  '上期得分',
  '得分变化',
];
const col = (title: string) => TITLES.indexOf(title);

/** What a reader of the sheet expects for a row, written out by hand from the fixture. */
const EXPECTED: Record<
  string,
  { rank: string; score: string; prevRank: string; change: string; prevScore: string; scoreChange: string; card: string }
> = {
  'c-370911': { rank: '1', score: '97.49', prevRank: '3', change: '↑2', prevScore: '90.01', scoreChange: '+7.48', card: '绿' },
  'c-370923': { rank: '2', score: '95.26', prevRank: '1', change: '↓1', prevScore: '96.10', scoreChange: '-0.84', card: '黄' },
  'c-370982': { rank: '3', score: '84.13', prevRank: '2', change: '↓1', prevScore: '91.00', scoreChange: '-6.87', card: '黄' },
  'c-370921': { rank: '4', score: '70.50', prevRank: '4', change: '持平', prevScore: '70.50', scoreChange: '0.00', card: '红' },
  'd-01': { rank: '1', score: '92.90', prevRank: '1', change: '持平', prevScore: '95.00', scoreChange: '-2.10', card: '绿' },
  'd-02': { rank: '2', score: '61.82', prevRank: '—', change: '—', prevScore: '70.00', scoreChange: '-8.18', card: '红' },
  'd-03': { rank: '3', score: '50.00', prevRank: '—', change: '—', prevScore: '—', scoreChange: '—', card: '红' },
  'd-04': { rank: '—', score: '—', prevRank: '—', change: '—', prevScore: '—', scoreChange: '—', card: '绿' },
  'e-water': { rank: '1', score: '100.00', prevRank: '—', change: '—', prevScore: '—', scoreChange: '—', card: '绿' },
  'e-power': { rank: '2', score: '90.00', prevRank: '2', change: '持平', prevScore: '88.80', scoreChange: '+1.20', card: '绿' },
};

const pct = (r: number | null) => (r === null ? '—' : `${(Math.round(r * 1000 + 1e-9) / 10).toFixed(1)}%`);
const RATES: Array<[string, keyof DepartmentRow]> = [
  ['响应率', 'responseRate'],
  ['按时办结率', 'onTimeRate'],
  ['解决率', 'resolutionRate'],
  ['满意率', 'satisfactionRate'],
  ['协办按时率', 'coOnTimeRate'],
  ['退单率', 'returnRate'],
];

describe('roundTo', () => {
  it('rounds halves away from zero despite binary fractions', () => {
    expect(roundTo(84.125, 2)).toBe(84.13);
    expect(roundTo(90.005, 2)).toBe(90.01);
    expect(roundTo(-0.845, 2)).toBe(-0.85);
    expect(roundTo(0.97355 * 100, 1)).toBe(97.4);
    expect(Object.is(roundTo(-0.0001, 2), 0)).toBe(true);
  });
});

describe('boardRows', () => {
  it('compares ranks only within the same kind and scores rounded as shown', () => {
    const rows = new Map(boardRows(rankingsFixture()).map((b) => [b.row.id, b]));
    expect(rows.get('c-370911')).toMatchObject({ rankChange: 2, scoreChange: 7.48, prevRank: 3, prevScore: 90.01 });
    expect(rows.get('d-02')).toMatchObject({ rankChange: null, prevRank: null, prevScore: 70, scoreChange: -8.18 });
    expect(rows.get('e-water')).toMatchObject({ previous: null, rankChange: null, scoreChange: null });
  });

  it('splits the 红黑榜 so no unit is on both lists', () => {
    const rows = boardRows(rankingsFixture());
    const ids = (l: { row: DepartmentRow }[]) => l.map((b) => b.row.id);
    const c = redBlack(rows, 'county');
    expect(ids(c.top)).toEqual(['c-370911', 'c-370923']);
    expect(ids(c.bottom)).toEqual(['c-370982', 'c-370921']);
    const d = redBlack(rows, 'department');
    expect(ids(d.top)).toEqual(['d-01', 'd-02']);
    expect(ids(d.bottom)).toEqual(['d-03']);
    expect(redBlack(rows, 'enterprise', 5).bottom.map((b) => b.row.id)).toEqual(['e-power']);
  });
});

describe('rankingsCsv', () => {
  const a = rankingsFixture();
  const csv = rankingsCsv(a);

  it('starts with a UTF-8 byte-order mark and ends lines with CRLF', () => {
    expect(csv.startsWith(BOM)).toBe(true);
    const bytes = Buffer.from(csv, 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.split('\r\n').length).toBe(a.departments.length + 2);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('reads back as the Chinese header and one row per department, in the answer order', () => {
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(TITLES);
    expect(COLUMNS.map((c) => c.title)).toEqual(TITLES);
    const body = rows.slice(1);
    expect(body.map((r) => r[col('单位编码')])).toEqual(a.departments.map((d) => d.id));
    for (const r of body) expect(r).toHaveLength(TITLES.length);
  });

  it('carries the same figures as the RankingsAnswer: rates in percent with one decimal, score two, ranks and changes', () => {
    const body = parseCsv(csv).slice(1);
    for (const [i, d] of a.departments.entries()) {
      const r = body[i]!;
      const e = EXPECTED[d.id]!;
      expect(r[col('类别')]).toBe({ county: '区县', department: '市直部门', enterprise: '公共企事业单位' }[d.kind]);
      expect(r[col('交办量')]).toBe(String(d.assigned));
      for (const [title, key] of RATES) expect(r[col(title)], `${d.id} ${title}`).toBe(pct(d[key] as number | null));
      expect(r[col('排名')]).toBe(e.rank);
      expect(r[col('综合得分')]).toBe(e.score);
      expect(r[col('上期排名')]).toBe(e.prevRank);
      expect(r[col('排名变化')]).toBe(e.change);
      expect(r[col('上期得分')]).toBe(e.prevScore);
      expect(r[col('得分变化')]).toBe(e.scoreChange);
      expect(r[col('亮牌')]).toBe(e.card);
      expect(r[col('当前红牌工单')]).toBe(String(d.redNow));
      expect(r[col('退单数')]).toBe(String(d.returned));
    }
    const daiyue = body[0]!;
    expect(daiyue.slice(col('响应率'), col('退单率') + 1)).toEqual(['100.0%', '97.9%', '97.4%', '95.7%', '90.0%', '97.49', '3', '4.7%']);
    const noCo = body.find((r) => r[col('单位编码')] === 'c-370923')!;
    expect([noCo[col('协办按时率')], noCo[col('退单数')], noCo[col('退单率')]]).toEqual(['—', '0', '0.0%']);
  });

  it('quotes commas and quotes, and defuses names a spreadsheet would run as a formula', () => {
    expect(csv).toContain('"市场监管局, 综合科"');
    const body = parseCsv(csv).slice(1);
    expect(body.find((r) => r[col('单位编码')] === 'd-02')![col('单位')]).toBe('市场监管局, 综合科');
    expect(body.find((r) => r[col('单位编码')] === 'd-03')![col('单位')]).toBe(`'=市"生态"环境局`);
  });

  it('has only the header for a period with no department', () => {
    const empty = rankingsCsv({
      from: '2026-01-01',
      to: '2026-01-01',
      departments: [],
      previous: { from: '2025-12-31', to: '2025-12-31', departments: [] },
    });
    expect(parseCsv(empty)).toEqual([TITLES]);
  });
});

describe('rankingsXlsx', () => {
  const a = rankingsFixture();
  const rules = ruleNumbers(defaultConfig());
  const load = async (r = rules) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await rankingsXlsx(a, { cityName: '泰安市', rules: r, generatedAt: '2026-11-29 10:00' })) as unknown as ArrayBuffer,
    );
    return wb;
  };
  const formulaSheet = async (r = rules) => {
    const text: string[] = [];
    (await load(r)).getWorksheet(SHEET_FORMULA)!.eachRow((row) => text.push(String(row.getCell(1).value)));
    return text;
  };

  it('is a zip (xlsx) with the board, the 红黑榜 and the definitions', async () => {
    const buf = await rankingsXlsx(a, { rules });
    expect(Buffer.isBuffer(buf)).toBe(true);
    expect(buf.subarray(0, 2).toString('latin1')).toBe('PK');
    const wb = await load();
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEET_BOARD, SHEET_RED_BLACK, SHEET_FORMULA]);
  });

  it('has the title, both periods and the Chinese header above the table, and prints A4 landscape', async () => {
    const ws = (await load()).getWorksheet(SHEET_BOARD)!;
    expect(String(ws.getCell(1, 1).value)).toContain('泰安市12345');
    expect(String(ws.getCell(2, 1).value)).toContain('2026-11-01 至 2026-11-29');
    expect(String(ws.getCell(2, 1).value)).toContain('2026-10-03 至 2026-10-31');
    const head = ws.getRow(HEADER_ROW).values as unknown[];
    expect(head.slice(1)).toEqual(TITLES);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.rowCount).toBe(HEADER_ROW + a.departments.length);
  });

  it('carries the same figures as the RankingsAnswer and the CSV, numbers kept as numbers', async () => {
    const ws = (await load()).getWorksheet(SHEET_BOARD)!;
    const csvRows = parseCsv(rankingsCsv(a)).slice(1);
    for (const [i, d] of a.departments.entries()) {
      const row = ws.getRow(HEADER_ROW + 1 + i);
      const cell = (title: string) => row.getCell(col(title) + 1);
      const e = EXPECTED[d.id]!;
      expect(cell('单位编码').value).toBe(d.id);
      expect(cell('单位').value).toBe(d.name);
      expect(cell('交办量').value).toBe(d.assigned);
      for (const [title, key] of RATES) {
        const rate = d[key] as number | null;
        const c = cell(title);
        if (rate === null) expect(c.value).toBe('—');
        else {
          expect(c.numFmt).toBe('0.0%');
          expect(c.value as number).toBeCloseTo(rate, 3);
          // Shown as in the CSV.
          expect(`${((c.value as number) * 100).toFixed(1)}%`).toBe(csvRows[i]![col(title)]);
        }
      }
      const num = (title: string) => {
        const v = cell(title).value;
        return typeof v === 'number' ? v : null;
      };
      expect(num('排名') === null ? '—' : String(num('排名'))).toBe(e.rank);
      expect(num('综合得分') === null ? '—' : num('综合得分')!.toFixed(2)).toBe(e.score);
      expect(num('上期排名') === null ? '—' : String(num('上期排名'))).toBe(e.prevRank);
      expect(num('上期得分') === null ? '—' : num('上期得分')!.toFixed(2)).toBe(e.prevScore);
      const change = num('排名变化');
      expect(change === null ? '—' : change > 0 ? `↑${change}` : change < 0 ? `↓${-change}` : '持平').toBe(e.change);
      if (change !== null) expect(cell('排名变化').numFmt).toBe('"↑"0;"↓"0;"持平"');
      const sc = num('得分变化');
      expect(sc === null ? '—' : sc > 0 ? `+${sc.toFixed(2)}` : sc.toFixed(2)).toBe(e.scoreChange);
      if (num('综合得分') !== null) expect(cell('综合得分').numFmt).toBe('0.00');
      expect(cell('亮牌').value).toBe(e.card);
      expect(cell('当前红牌工单').value).toBe(d.redNow);
      expect(cell('退单数').value).toBe(d.returned);
    }
  });

  it('lists the top and bottom of each kind on the 红黑榜 sheet', async () => {
    const rb = (await load()).getWorksheet(SHEET_RED_BLACK)!;
    const text: string[] = [];
    rb.eachRow((r) => text.push((r.values as unknown[]).slice(1).map(String).join('|')));
    const all = text.join('\n');
    // Four ranked counties: two on each list; two enterprises: one each.
    expect(all).toContain('区县 红榜（前2名）');
    expect(all).toContain('区县 黑榜（后2名）');
    expect(all).toContain('公共企事业单位 红榜（前1名）');
    const at = (s: string) => text.findIndex((l) => l.includes(s));
    expect(at('c-370911')).toBeLessThan(at('区县 黑榜'));
    expect(at('c-370921')).toBeGreaterThan(at('区县 黑榜'));
  });

  it('states the formula and the weights', async () => {
    const text = await formulaSheet();
    const all = text.join('\n');
    expect(all).toContain('响应率 0.2、按时办结率 0.2、解决率 0.3、满意率 0.3、协办按时率 0.1（合计 1.1）');
    // The lead's exception (metrics.md) and why returns are not scored.
    expect(all).toContain('配合单位拖延的，不扣主办单位');
    expect(all).toMatch(/退单数：.*不计入综合得分/);
    // Every sentence of the board's definitions, in order, after the title and the period.
    expect(text.slice(2)).toEqual(boardDefinitions(rules));
  });

  it('writes the definitions from the rules it is given, not from the defaults', async () => {
    const changed = {
      ...rules,
      weights: { response: 0.25, onTime: 0.15, resolution: 0.35, satisfaction: 0.25, coOnTime: 0.5 },
      scoreRed: 75,
      scoreYellow: 88,
      redTicketsRed: 4,
    };
    const all = (await formulaSheet(changed)).join('\n');
    expect(all).toContain('响应率 0.25、按时办结率 0.15、解决率 0.35、满意率 0.25、协办按时率 0.5（合计 1.5）');
    expect(all).toContain('综合得分低于 75 或当前红牌工单 ≥ 4 件为红牌；低于 88 或');
    expect(all).not.toContain('0.3、满意率');
  });
});

describe('file names', () => {
  it('names the file by the period, in Chinese with an RFC 5987 filename* and an ASCII fallback', () => {
    const p = { from: '2026-11-01', to: '2026-11-29' };
    expect(exportFileName(p, 'xlsx')).toBe('部门排名_2026-11-01_2026-11-29.xlsx');
    const h = attachmentDisposition(exportFileName(p, 'xlsx'), asciiExportFileName(p, 'xlsx'));
    expect(h).toBe(
      `attachment; filename="rankings_2026-11-01_2026-11-29.xlsx"; filename*=UTF-8''${encodeURIComponent('部门排名')}_2026-11-01_2026-11-29.xlsx`,
    );
    expect(decodeURIComponent(h.split("UTF-8''")[1]!)).toBe('部门排名_2026-11-01_2026-11-29.xlsx');
  });
});
