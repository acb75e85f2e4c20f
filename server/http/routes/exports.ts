// Exports for a department ranking meeting, any authenticated role (the token check is app.ts's):
//   GET /api/v1/rankings/export.csv?from=YYYY-MM-DD&to=YYYY-MM-DD   UTF-8 with a BOM, for Excel
//   GET /api/v1/rankings/export.xlsx?from=…&to=…                    ExcelJS workbook
// The same period rules as GET /api/v1/rankings (default: the month of asOf up to today; 400 for a
// bad date, `to` before `from`, or too long), the same figures (server/export), downloaded as an
// attachment named 部门排名_<from>_<to>.<ext> (RFC 5987 filename*, ASCII fallback).
import { Router, type Request, type Response } from 'express';
import type { RankingsAnswer } from '../../../shared/contract/snapshot.ts';
import { parsePeriod, rankings } from '../../../shared/domain/index.ts';
import { readerNow } from '../../core/now.ts';
import { asciiExportFileName, attachmentDisposition, exportFileName, rankingsCsv, rankingsXlsx } from '../../export/index.ts';
import { ruleNumbers } from '../../../shared/rules-text.ts';
import { formatLocalIso } from '../../util/time.ts';
import { allow, principalOf } from '../auth.ts';
import type { HttpContext } from '../context.ts';
import { optionalString } from '../query.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function exportsRouter(ctx: HttpContext): Router {
  const r = Router();

  /** The rankings of the requested period, or a 400 already sent. */
  const answer = (req: Request, res: Response): { a: RankingsAnswer; asOf: number } | null => {
    const from = optionalString(req.query, 'from');
    const to = optionalString(req.query, 'to');
    if (!from.ok || !to.ok) {
      res.status(400).json({ error: 'from and to must each be given at most once' });
      return null;
    }
    const { engine } = ctx;
    const asOf = readerNow(engine);
    const p = parsePeriod(engine.rules, asOf, from.value, to.value);
    if (!p.ok) {
      res.status(400).json({ error: p.error });
      return null;
    }
    return { a: rankings(engine.state, engine.rules, p.period, asOf), asOf };
  };

  const attach = (res: Response, a: RankingsAnswer, ext: 'csv' | 'xlsx', type: string) => {
    res.set('Content-Type', type);
    res.set('Content-Disposition', attachmentDisposition(exportFileName(a, ext), asciiExportFileName(a, ext)));
    res.set('X-Content-Type-Options', 'nosniff');
  };

  const audit = (res: Response, action: 'export.csv' | 'export.xlsx', a: RankingsAnswer) => {
    const who = principalOf(res);
    ctx.access.audit.note(who, who.address, action, 'rankings', `${a.from}..${a.to}`);
  };

  r.get('/rankings/export.csv', allow('read'), (req, res) => {
    const got = answer(req, res);
    if (!got) return;
    audit(res, 'export.csv', got.a);
    attach(res, got.a, 'csv', 'text/csv; charset=utf-8');
    res.send(Buffer.from(rankingsCsv(got.a), 'utf8'));
  });

  r.get('/rankings/export.xlsx', allow('read'), async (req, res) => {
    const got = answer(req, res);
    if (!got) return;
    const { config, tz } = { config: ctx.engine.rules.config, tz: ctx.engine.tz };
    const buf = await rankingsXlsx(got.a, {
      cityName: config.city.name,
      rules: ruleNumbers(config),
      generatedAt: formatLocalIso(Date.now(), tz).slice(0, 16).replace('T', ' '),
    });
    audit(res, 'export.xlsx', got.a);
    attach(res, got.a, 'xlsx', XLSX_TYPE);
    res.send(buf);
  });

  return r;
}
