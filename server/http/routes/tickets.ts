// A leader's ticket detail, and supervision: a leader's action is written to the stream as a
// ticket.supervised event (events.md), never applied to the state directly; the consumer applies it
// like any other entry.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { buildTicketAnswer, hydrateTickets, ticketStatus } from '../../../shared/domain/index.ts';
import { principalName } from '../../config/tokens.ts';
import { readerNow } from '../../core/now.ts';
import { idempotencyKeyOf, writeOnce } from '../../ops/idempotency.ts';
import { formatLocalIso } from '../../util/time.ts';
import { allow, principalOf } from '../auth.ts';
import { UnavailableError, type HttpContext } from '../context.ts';

const SuperviseBody = z.object({
  level: z.number().int().min(1).max(5),
  note: z.string().trim().max(500).nullish(),
});

export function ticketsRouter(ctx: HttpContext): Router {
  const r = Router();

  r.get('/tickets/:id', allow('ticketDetail'), async (req, res) => {
    const { engine, store } = ctx;
    const id = String(req.params.id);
    if (!engine.state.tickets.has(id)) {
      // Long-closed tickets live in Redis only: put it back (it is durable, so this changes nothing).
      hydrateTickets(engine.state, [[id, await store.record(id)]]);
    }
    if (!engine.state.tickets.has(id)) {
      res.status(404).json({ error: `no ticket ${id}` });
      return;
    }
    const [details, timeline] = await Promise.all([store.details(id), store.timeline(id)]);
    const answer = buildTicketAnswer(engine.state, engine.rules, id, readerNow(engine), { details, timeline });
    if (!answer) {
      res.status(404).json({ error: `no ticket ${id}` });
      return;
    }
    // Personal data: no view without its audit record (a 举报 ticket says so in the record).
    const who = principalOf(res);
    const t = answer.ticket;
    await ctx.access.audit
      .record(who, who.address, 'ticket.view', id, [t.kind === 'report' ? '举报' : t.kind, t.category?.[0]].filter(Boolean).join(' '))
      .catch((err: Error) => {
        throw new UnavailableError(`audit: ${err.message}`);
      });
    res.json(answer);
  });

  r.post('/tickets/:id/supervise', allow('supervise'), async (req, res) => {
    const body = SuperviseBody.safeParse(req.body ?? {});
    if (!body.success) {
      const i = body.error.issues[0];
      res.status(400).json({ error: `${i.path.join('.') || 'body'}: ${i.message}` });
      return;
    }
    const idemKey = idempotencyKeyOf(req, res);
    if (idemKey === null) return;
    const { engine, store, env } = ctx;
    const ticketId = String(req.params.id);
    const status = ticketStatus(engine.state, ticketId);
    if (status === null || status === 'closed') {
      res.status(404).json({ error: status === null ? `no ticket ${ticketId}` : `ticket ${ticketId} is closed` });
      return;
    }
    // Under the event clock the centre's "now" is the stream's time, so the event sits with the rest.
    const atMs = env.clock === 'event' ? readerNow(engine) : Date.now();
    const by = principalName(principalOf(res));
    const fingerprint = JSON.stringify([ticketId, body.data.level, body.data.note ?? null]);
    const once = { person: by, key: idemKey, fingerprint, freshId: () => `sup-${randomUUID()}` };
    const done = await writeOnce(
      ctx.idempotency,
      once,
      async (id) => {
        const event = {
          v: 1,
          id,
          type: 'ticket.supervised',
          at: formatLocalIso(atMs, env.tz),
          ticketId,
          level: body.data.level,
          by,
          ...(body.data.note ? { note: body.data.note } : {}),
        };
        await store.append(JSON.stringify(event));
      },
      res,
    );
    if (!done) return;
    if (done.replayed) res.set('Idempotent-Replayed', 'true');
    else {
      const who = principalOf(res);
      ctx.access.audit.note(who, who.address, 'ticket.supervise', ticketId, `level ${body.data.level}, event ${done.eventId}`);
    }
    res.status(202).json({ eventId: done.eventId });
  });

  return r;
}
