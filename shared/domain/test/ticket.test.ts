// The ticket detail's words and timeline: the why sentence follows the configured urgent share, and
// the timeline shows each event type's own fields, masked, never the citizen or the content.
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../config.ts';
import { buildTicketAnswer, createRules, timelineItem } from '../index.ts';
import { Feed, ms, sh } from './build.ts';

describe('ticket detail', () => {
  it('says why an urgent ticket is yellow with the share in force', () => {
    const config = ConfigSchema.parse({ thresholds: { urgentDueSoonShare: 0.3 } });
    const f = new Feed(createRules(config, { tz: 'Asia/Shanghai', clock: 'event' }));
    f.created('U1', '2026-11-25 09:00', { urgency: 'urgent' });
    f.assigned('U1', '2026-11-25 10:00', 'd-a', '2026-11-25 20:00');
    f.ev('ticket.signed', 'U1', '2026-11-25 10:05', { deptId: 'd-a' });
    const at = (t: string) => buildTicketAnswer(f.state, f.rules, 'U1', ms(t), { details: null, timeline: [] })!.ticket;
    // 10 hours of handling time: yellow at 3 hours left (30%), not before.
    expect(at('2026-11-25 16:59')).toMatchObject({ colour: 'green', why: null });
    expect(at('2026-11-25 17:00')).toMatchObject({
      colour: 'yellow',
      reason: 'due-soon',
      why: '临近办理时限：紧急件剩余时间不超过办理时长的 30%',
    });
    expect(at('2026-11-25 21:30')).toMatchObject({ colour: 'red', why: '已超过办理时限 2 小时' });
  });

  it('shows on the timeline the fields of each event type, masked', () => {
    const created = timelineItem(
      JSON.stringify({
        v: 1,
        id: 'e1',
        type: 'ticket.created',
        at: sh('2026-11-25 09:00'),
        ticketId: 'T1',
        channel: 'phone',
        kind: 'complaint',
        urgency: 'normal',
        district: '370902',
        title: '张三反映13812345678',
        content: '内容',
        citizen: { name: '张三', phone: '13812345678' },
      }),
    );
    expect(created).toEqual({
      type: 'ticket.created',
      at: sh('2026-11-25 09:00'),
      detail: { id: 'e1', channel: 'phone', kind: 'complaint', urgency: 'normal', district: '370902' },
    });
    const assigned = timelineItem(
      JSON.stringify({
        v: 1,
        id: 'e2',
        type: 'ticket.assigned',
        at: sh('2026-11-25 10:00'),
        ticketId: 'T1',
        dept: { id: 'd-a', name: '市住建局', kind: 'department' },
        dueAt: sh('2026-11-30 17:00'),
        signDueAt: null,
      }),
    );
    expect(assigned?.detail).toEqual({ id: 'e2', dept: { id: 'd-a', name: '市住建局' }, dueAt: sh('2026-11-30 17:00') });
    const returned = timelineItem(
      JSON.stringify({
        v: 1,
        id: 'e3',
        type: 'ticket.returned',
        at: sh('2026-11-25 11:00'),
        ticketId: 'T1',
        deptId: 'd-a',
        reason: '请联系13812345678',
      }),
    );
    expect(returned?.detail).toEqual({ id: 'e3', deptId: 'd-a', reason: '请联系138****5678' });
    expect(timelineItem('not json')).toBeNull();
  });
});
