// A co-handled ticket for the leader (pure): its lead and co-handlers (协办), and the departments a
// supervision of it concerns: the lead and every co-handler whose part was not dropped by a return
// or a reopen (an open part, or one done, by its co-reply or the lead's reply).
import type { CoHandler, TicketDetail } from '@shared/contract/snapshot.ts';
import { CO_ROLE_LABELS, coPartText } from '@shared/rules-text.ts';

export interface InvolvedDept {
  id: string;
  name: string;
  role: 'lead' | 'co';
  /** 主办单位, or the co-handler's part in words (协办中, 协办超时, 协办答复（按时）…). */
  text: string;
}

export function involvedDepts(t: Pick<TicketDetail, 'dept' | 'coHandlers'>, nowMs: number): InvolvedDept[] {
  const out: InvolvedDept[] = [];
  if (t.dept) out.push({ id: t.dept.id, name: t.dept.name, role: 'lead', text: CO_ROLE_LABELS.lead });
  for (const c of t.coHandlers) {
    if (c.state === 'dropped' || out.some((o) => o.id === c.deptId)) continue;
    out.push({ id: c.deptId, name: c.name, role: 'co', text: coPartText(c, nowMs) });
  }
  return out;
}

/** A part's tone on the page: late (open past its deadline, or ended late), ok (co-replied on time), open, dropped. */
export function coPartTone(c: CoHandler, nowMs: number): 'late' | 'ok' | 'open' | 'dropped' {
  if (c.state === 'dropped') return 'dropped';
  if (c.state === 'open') return nowMs > Date.parse(c.dueAt) ? 'late' : 'open';
  return c.onTime ? 'ok' : 'late';
}
