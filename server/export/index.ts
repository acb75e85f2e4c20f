// Exports of the ranking board for a department ranking meeting: CSV (UTF-8 with a BOM) and XLSX,
// the same figures as the page (shared/ranking-board.ts). Pure: a RankingsAnswer in, a string or a Buffer out.
export * from '../../shared/ranking-board.ts';
export { BOM, csvField, defuse, parseCsv, rankingsCsv } from './csv.ts';
export { HEADER_ROW, SHEET_BOARD, SHEET_FORMULA, SHEET_RED_BLACK, rankingsXlsx, rowValues, type XlsxOptions } from './xlsx.ts';

/**
 * Content-Disposition for a download whose name is not ASCII: `filename` carries an ASCII fallback
 * for old clients and `filename*=UTF-8''…` (RFC 5987 / RFC 6266) the real name.
 */
export function attachmentDisposition(fileName: string, asciiFallback: string): string {
  const ascii = asciiFallback.replace(/[^\x20-\x7E]|["\\]/g, '') || 'download';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The ASCII fallback name of an export: rankings_2026-11-01_2026-11-29.xlsx. */
export function asciiExportFileName(a: { from: string; to: string }, ext: 'csv' | 'xlsx'): string {
  return `rankings_${a.from}_${a.to}.${ext}`;
}
