// The admin's work (admin role only): screens reload; pairing codes approved and walls revoked;
// people added (their token answered once) and revoked; the audit trail filtered and exported.
import { Router } from 'express';
import { z } from 'zod';
import type { AuditAnswer, PendingPairing, PersonListItem, Role, WallListItem } from '../../../shared/contract/snapshot.ts';
import { dayOfDate, makeZone } from '../../../shared/domain/index.ts';
import type { AuditFilter } from '../../access/audit.ts';
import { parseExpiry } from '../../access/token-file.ts';
import { CODE_FORMAT, normaliseCode } from '../../access/walls.ts';
import { ROLES, principalName } from '../../config/tokens.ts';
import { BOM, csvField, defuse } from '../../export/csv.ts';
import { allow, principalOf } from '../auth.ts';
import type { HttpContext } from '../context.ts';
import { parseQuery } from '../query.ts';

const WallName = z.string().trim().min(1, 'a name for the wall').max(64);
const ApproveBody = z.object({ name: WallName });
const AddPersonBody = z.object({
  role: z.enum(ROLES as [Role, ...Role[]]),
  label: z.string().trim().min(1, 'a label naming the person').max(64),
  expires: z.string().trim().max(40).nullish(),
});
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((d) => dayOfDate(d) !== null, 'a real date');
const AuditQuery = z.object({
  from: date.optional(),
  to: date.optional(),
  action: z.string().trim().max(40).optional(),
  label: z.string().trim().max(64).optional(),
  target: z.string().trim().max(200).optional(),
  address: z.string().trim().max(64).optional(),
  before: z
    .string()
    .regex(/^\d{1,15}-\d{1,10}$/)
    .optional(),
  limit: z
    .string()
    .regex(/^\d{1,4}$/)
    .transform(Number)
    .pipe(z.number().min(1).max(1000))
    .optional(),
});

/** At most this many rows in one CSV export. */
const AUDIT_CSV_MAX = 100_000;
const AUDIT_COLUMNS = ['at', 'label', 'role', 'address', 'action', 'target', 'detail'] as const;

function badBody(res: import('express').Response, e: z.ZodError): void {
  const i = e.issues[0]!;
  res.status(400).json({ error: `${i.path.join('.') || 'body'}: ${i.message}` });
}

export function adminRouter(ctx: HttpContext): Router {
  const r = Router();
  const { access } = ctx;
  const admin = allow('admin');
  const who = (res: import('express').Response) => principalOf(res);

  // Deploys: every screen reloads the page (SIGUSR2 does the same).
  r.post('/admin/reload', admin, async (_req, res) => {
    const me = who(res);
    await access.audit.record(me, me.address, 'screens.reload', 'all screens');
    ctx.reload();
    res.status(202).json({ ok: true });
  });

  // ---- walls ----
  r.get('/admin/pairings', admin, async (_req, res) => {
    const items: PendingPairing[] = await access.walls.pending();
    res.json({ items });
  });

  r.post('/admin/pairings/:code', admin, async (req, res) => {
    const body = ApproveBody.safeParse(req.body ?? {});
    if (!body.success) return badBody(res, body.error);
    const code = normaliseCode(String(req.params.code));
    if (!CODE_FORMAT.test(code)) {
      res.status(400).json({ error: 'a pairing code is 6 letters and digits, as the wall shows it' });
      return;
    }
    const me = who(res);
    const got = await access.walls.approve(code, body.data.name, principalName(me));
    if (!got) {
      res.status(404).json({ error: `no pairing ${code} is waiting (codes last 10 minutes)` });
      return;
    }
    await access.audit.record(me, me.address, 'wall.pair', body.data.name, `code ${code}, wall ${got.id}, from ${got.rec.address}`);
    res.status(201).json({ id: got.id, name: body.data.name });
  });

  r.get('/admin/walls', admin, async (_req, res) => {
    const online = ctx.wallsOnline();
    const items: WallListItem[] = (await access.walls.list()).map((w) => ({ ...w, online: online.get(w.id) ?? 0 }));
    res.json({ items });
  });

  r.delete('/admin/walls/:id', admin, async (req, res) => {
    const id = String(req.params.id);
    const gone = await access.walls.revoke(id);
    if (!gone) {
      res.status(404).json({ error: `no paired wall ${id}` });
      return;
    }
    const me = who(res);
    await access.audit.record(me, me.address, 'wall.revoke', gone.name, id);
    await ctx.revalidate();
    res.status(204).end();
  });

  // ---- people ----
  r.get('/admin/people', admin, (_req, res) => {
    const items: PersonListItem[] = access.directory.list();
    res.json({ items });
  });

  r.post('/admin/people', admin, async (req, res) => {
    const body = AddPersonBody.safeParse(req.body ?? {});
    if (!body.success) return badBody(res, body.error);
    let expiresAt: number | null = null;
    if (body.data.expires) {
      expiresAt = parseExpiry(body.data.expires, ctx.env.tz);
      if (expiresAt === null || expiresAt <= Date.now()) {
        res.status(400).json({ error: 'expires: a future date YYYY-MM-DD or an ISO 8601 time with its offset' });
        return;
      }
    }
    const me = who(res);
    const { person, token } = await access.directory.add({ role: body.data.role, label: body.data.label, expiresAt }, principalName(me));
    await access.audit.record(me, me.address, 'person.add', person.label ?? person.id, `${person.role} ${person.id}`);
    // The only time the token is ever shown: the server keeps its hash.
    res.status(201).set('Cache-Control', 'no-store').json({ id: person.id, role: person.role, label: person.label, expiresAt, token });
  });

  r.delete('/admin/people/:id', admin, async (req, res) => {
    const me = who(res);
    const gone = await access.directory.revoke(String(req.params.id), principalName(me));
    if (!gone) {
      res.status(404).json({ error: `no person ${req.params.id}` });
      return;
    }
    await access.audit.record(me, me.address, 'person.revoke', gone.label ?? gone.id, `${gone.role} ${gone.id} (${gone.source})`);
    await ctx.revalidate();
    res.status(204).end();
  });

  // ---- audit ----
  const filterOf = (q: z.infer<typeof AuditQuery>): AuditFilter => {
    const zone = makeZone(ctx.env.tz);
    return {
      fromMs: q.from ? zone.startOfDay(dayOfDate(q.from)!) : undefined,
      toMs: q.to ? zone.startOfDay(dayOfDate(q.to)! + 1) - 1 : undefined,
      action: q.action || undefined,
      label: q.label || undefined,
      target: q.target || undefined,
      address: q.address || undefined,
      before: q.before,
    };
  };

  r.get('/admin/audit', admin, async (req, res) => {
    const q = parseQuery(AuditQuery, req, res);
    if (!q) return;
    const answer: AuditAnswer = await access.audit.query(filterOf(q), q.limit ?? 200);
    res.json(answer);
  });

  r.get('/admin/audit.csv', admin, async (req, res) => {
    const q = parseQuery(AuditQuery, req, res);
    if (!q) return;
    const { items } = await access.audit.query(filterOf(q), AUDIT_CSV_MAX);
    const me = who(res);
    const filters = Object.entries(q)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    await access.audit.record(me, me.address, 'audit.export', 'audit', `${items.length} rows${filters ? `; ${filters}` : ''}`);
    const lines = [AUDIT_COLUMNS.join(',')];
    for (const it of items) lines.push(AUDIT_COLUMNS.map((c) => csvField(defuse(String(it[c] ?? '')))).join(','));
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Content-Disposition', `attachment; filename="audit.csv"; filename*=UTF-8''${encodeURIComponent('审计记录.csv')}`);
    res.send(Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8'));
  });

  return r;
}
