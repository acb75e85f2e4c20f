// What the store keeps of a ticket's personal data, and the leader's ticket detail (metrics.md,
// Personal data), with hand-written events and hand-worked expected values.
import { describe, expect, it } from 'vitest';
import {
  buildTicketAnswer,
  detailsWithoutPersonalData,
  maskedTimelineRecord,
  strippedTimelineRecord,
  takeChanges,
  type StoredDetails,
} from '../index.ts';
import { Feed, ms, sh } from './build.ts';

const citizen = { name: '王晓翠', phone: '13812345678' };

/** A ticket of 王晓翠's, created, returned with a reason naming her, and what the store got. */
function ticket() {
  const f = new Feed();
  f.created('T1', '2026-11-20 09:00', {
    title: '王晓翠反映暖气不热，电话138 1234 5678',
    content: '王晓翠来电：家中暖气不热，身份证370902198001011234，回电+86 138-1234-5678。',
    citizen,
  });
  f.assigned('T1', '2026-11-20 10:00', 'd-rl', '2026-11-25 10:00');
  f.send({ type: 'ticket.returned', ticketId: 'T1', at: sh('2026-11-20 11:00'), deptId: 'd-rl', reason: '已联系王晓翠，非本单位职责' });
  const c = takeChanges(f.state, f.rules);
  return { f, details: c.details.get('T1')!, timeline: c.timeline.filter(([id]) => id === 'T1').map(([, json]) => json) };
}

describe('what the store keeps of a ticket', () => {
  it('keeps the state’s title masked with the citizen, and no title, content or citizen in the timeline', () => {
    const { f, details, timeline } = ticket();
    expect(f.state.tickets.get('T1')!.title).toBe('王**反映暖气不热，电话138****5678');
    const created = JSON.parse(timeline[0]) as Record<string, unknown>;
    expect(created).toMatchObject({ type: 'ticket.created', ticketId: 'T1', channel: 'phone', district: '370902' });
    for (const k of ['title', 'content', 'citizen']) expect(created).not.toHaveProperty(k);
    // The details keep what the leader's detail needs, until they are deleted.
    expect(JSON.parse(details)).toMatchObject({ citizen, title: '王晓翠反映暖气不热，电话138 1234 5678' });
  });

  it('strips a created record stored the old way, and leaves others as they are', () => {
    const old = JSON.stringify({ type: 'ticket.created', ticketId: 'T1', title: 't', content: 'c', citizen, kind: 'help' });
    expect(JSON.parse(strippedTimelineRecord(old)!)).toEqual({ type: 'ticket.created', ticketId: 'T1', kind: 'help' });
    expect(strippedTimelineRecord(strippedTimelineRecord(old)!)).toBeNull();
    expect(strippedTimelineRecord(JSON.stringify({ type: 'ticket.returned', reason: 'x' }))).toBeNull();
  });

  it('masks the free text of a timeline record with the citizen, for when the name goes', () => {
    const json = JSON.stringify({ type: 'ticket.returned', reason: '已联系王晓翠（13812345678）' });
    expect(JSON.parse(maskedTimelineRecord(json, citizen)!)).toEqual({ type: 'ticket.returned', reason: '已联系王**（138****5678）' });
    expect(maskedTimelineRecord(JSON.stringify({ type: 'ticket.signed', deptId: 'd' }), citizen)).toBeNull();
  });

  it('deletes content, name and phone, keeping the masked title and when it happened', () => {
    const { details } = ticket();
    const at = ms('2027-06-01 03:00');
    const kept = JSON.parse(detailsWithoutPersonalData(details, at, 180)) as StoredDetails;
    expect(kept).toEqual({
      title: '王**反映暖气不热，电话138****5678',
      street: null,
      location: null,
      personalDataDeleted: { at, days: 180 },
    });
    // Once is enough: a second sweep changes nothing.
    const again = detailsWithoutPersonalData(JSON.stringify(kept), at + 1, 180);
    expect(again).toBe(JSON.stringify(kept));
  });
});

describe('the leader’s ticket detail', () => {
  it('masks the title, content, timeline text and citizen, the citizen’s own name included', () => {
    const { f, details, timeline } = ticket();
    const a = buildTicketAnswer(f.state, f.rules, 'T1', ms('2026-11-20 12:00'), { details, timeline })!;
    expect(a.ticket.title).toBe('王**反映暖气不热，电话138****5678');
    expect(a.ticket.content).toBe('王**来电：家中暖气不热，身份证370*************34，回电+86138****5678。');
    expect(a.ticket.citizen).toEqual({ name: '王**', phone: '138****5678' });
    expect(a.ticket.personalDataDeleted).toBeNull();
    expect(a.timeline.map((t) => t.detail.reason ?? null)).toEqual([null, null, '已联系王**，非本单位职责']);
  });

  it('says when the citizen’s data was deleted, and shows none', () => {
    const { f, details, timeline } = ticket();
    const purged = detailsWithoutPersonalData(details, ms('2027-06-01 03:00'), 180);
    const masked = timeline.map((json) => maskedTimelineRecord(json, citizen) ?? json);
    const a = buildTicketAnswer(f.state, f.rules, 'T1', ms('2027-06-01 12:00'), { details: purged, timeline: masked })!;
    expect(a.ticket).toMatchObject({
      title: '王**反映暖气不热，电话138****5678',
      content: '',
      citizen: null,
      personalDataDeleted: {
        at: '2027-06-01T03:00:00+08:00',
        note: '工单办结已超过 180 天，来电人姓名、电话和诉求内容已于 2027-06-01 按规定删除。',
      },
    });
    expect(JSON.stringify(a)).not.toMatch(/王晓翠|13812345678|370902198001011234/);
  });
});
