// Test helpers: a state fed with hand-written events, in stream order.
import { defaultConfig } from '../../config.ts';
import type { HotlineEvent } from '../../contract/events.ts';
import { createRules, createState, processEntry, type CoreState, type EntryOutcome, type Rules } from '../index.ts';

let n = 0;
export function rulesFor(clock: 'wall' | 'event' = 'event'): Rules {
  return createRules(defaultConfig(), { tz: 'Asia/Shanghai', clock });
}

/** Local Shanghai time 'YYYY-MM-DD HH:mm' → ISO with +08:00. */
export const sh = (s: string) => `${s.replace(' ', 'T')}:00+08:00`;
export const ms = (s: string) => Date.parse(sh(s));

export type Ev = Record<string, unknown> & { type: string };

export class Feed {
  state: CoreState = createState();
  outcomes: EntryOutcome[] = [];
  constructor(public rules: Rules = rulesFor()) {}
  raw(fields: Record<string, string>): EntryOutcome {
    const o = processEntry(this.state, this.rules, { id: `${1000 + n++}-0`, fields }, 0);
    this.outcomes.push(o);
    return o;
  }
  send(e: Ev): EntryOutcome {
    const event = { v: 1, id: `e-${n}`, ...e };
    return this.raw({ event: JSON.stringify(event) });
  }
  created(ticketId: string, at: string, extra: Partial<Record<string, unknown>> = {}) {
    return this.send({
      type: 'ticket.created',
      ticketId,
      at: sh(at),
      channel: 'phone',
      kind: 'complaint',
      category: ['城乡建设', '市政设施'],
      district: '370902',
      urgency: 'normal',
      title: `标题${ticketId}`,
      content: '内容',
      ...extra,
    });
  }
  assigned(ticketId: string, at: string, deptId: string, dueAt: string, extra: Partial<Record<string, unknown>> = {}) {
    return this.send({
      type: 'ticket.assigned',
      ticketId,
      at: sh(at),
      dept: { id: deptId, name: `部门${deptId}`, kind: 'department' },
      dueAt: sh(dueAt),
      ...extra,
    });
  }
  ev(type: string, ticketId: string, at: string, extra: Partial<Record<string, unknown>> = {}) {
    return this.send({ type, ticketId, at: sh(at), ...extra });
  }
}

export function expectApplied(o: EntryOutcome): HotlineEvent {
  if (o.kind !== 'applied') throw new Error(`expected applied, got ${JSON.stringify(o)}`);
  return o.event;
}
