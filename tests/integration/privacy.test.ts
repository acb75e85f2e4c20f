// Nothing personal on a wall (metrics.md, Personal data), through the real server: a real Redis
// stream, real Socket.IO and HTTP. A property test puts phone and ID numbers in every format and
// citizens' names into random Chinese titles and contents, and no wall payload (the snapshot, the
// state after each patch, the warning lists under the wall token, hot topics and clusters) holds 7
// digits in a row after normalisation or a citizen's name. Then the citizens' data kept no longer
// than limits.personalDataDays after the close, under the event clock.
import fc from 'fast-check';
import { applyPatch } from 'rfc6902';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PatchMessage, Snapshot, TicketAnswer, WarningsAnswer } from '../../shared/contract/snapshot.ts';
import { makeKeys } from '../../server/store/keys.ts';
import { assigned, at, callOffered, created, replied, signed } from '../support/events.ts';
import { call, getSnapshot } from '../support/http.ts';
import { longestDigitRun, personalDataIn } from '../support/privacy.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { connectScreen, type ScreenClient } from '../support/socket.ts';
import { atOrAfter, connectRedis, produce, waitDurable, type TestRedis } from '../support/stream.ts';
import { TOKEN } from '../support/tokens.ts';
import { waitFor } from '../support/wait.ts';

let redis: TestRedis;
const servers: TestServer[] = [];
const screens: ScreenClient[] = [];

beforeAll(async () => {
  redis = await connectRedis(inject('redisUrl'));
});

afterAll(async () => {
  screens.forEach((s) => s.close());
  await Promise.all(servers.map((s) => s.close()));
  await redis.close();
});

async function start(env: Record<string, string> = {}) {
  const s = await startTestServer({ env });
  servers.push(s);
  return s;
}

// Titles and contents are made of these; names use none of their characters, so a name on a screen
// can only come from a citizen.
const PHRASES = [
  '小区暖气不热',
  '路灯不亮',
  '楼道漏水',
  '噪音扰民',
  '物业乱收费',
  '反映',
  '来电称',
  '要求尽快处理',
  '，',
  '。',
  '（',
  '）',
  ' ',
];
const VOCABULARY = new Set(Array.from(PHRASES.join('') + '联系电话身份证号座机回电短号0123456789+-.Xx　－'));
const SURNAMES = [
  ...Array.from('王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈'),
  '欧阳',
].filter((s) => !Array.from(s).some((c) => VOCABULARY.has(c)));
const GIVEN = Array.from('伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建国红梅鹏飞志宏海燕晓峰立新春雷波斌宁浩亮翠').filter(
  (c) => !VOCABULARY.has(c),
);

const fullWidth = (s: string) => s.replace(/[0-9+\-X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const separator = fc.constantFrom('', '', ' ', '-', '.', '　', '－', ' - ');

/** A phone or ID number as people write it: mobiles with +86/86, landlines, bare local numbers, IDs. */
const number = fc
  .oneof(
    fc
      .tuple(fc.constantFrom('', '+86', '86', '+86 ', '0086'), fc.constantFrom('13', '15', '18', '19'), digits(9))
      .map(([p, a, b]) => ({ p, groups: [a + b[0], b.slice(1, 5), b.slice(5)] })),
    fc.tuple(fc.constantFrom('0538', '0531', '010'), digits(7)).map(([a, b]) => ({ p: '', groups: [a, b.slice(0, 3), b.slice(3)] })),
    digits(8).map((b) => ({ p: '', groups: [b.slice(0, 4), b.slice(4)] })),
    fc
      .tuple(digits(17), fc.constantFrom('X', 'x', '1'))
      .map(([b, x]) => ({ p: '', groups: [b.slice(0, 6), b.slice(6, 14), b.slice(14) + x] })),
    digits(15).map((b) => ({ p: '', groups: [b.slice(0, 6), b.slice(6, 12), b.slice(12)] })),
  )
  .chain(({ p, groups }) =>
    fc.tuple(separator, fc.boolean()).map(([sep, wide]) => {
      const written = p + groups.join(sep);
      return wide ? fullWidth(written) : written;
    }),
  );

const name = fc
  .tuple(fc.constantFrom(...SURNAMES), fc.array(fc.constantFrom(...GIVEN), { minLength: 1, maxLength: 2 }))
  .map(([s, g]) => s + g.join(''));

/** Text with the citizen's name, phone and other numbers in random places. */
const text = (citizenName: string, phone: string) =>
  fc
    .array(
      fc.oneof(
        fc.constantFrom(...PHRASES),
        number,
        fc.constant(citizenName),
        fc.constant(phone),
        fc.constantFrom('联系电话', '身份证号', '座机'),
      ),
      {
        minLength: 2,
        maxLength: 10,
      },
    )
    .map((parts) => parts.join(''));

interface GeneratedTicket {
  citizen: number;
  kind: 'complaint' | 'help' | 'report';
  title: string;
  content: string;
}

const citizens = fc.uniqueArray(fc.tuple(name, number), { minLength: 1, maxLength: 4, selector: ([n]) => n });
const batch = citizens.chain((cs) =>
  fc
    .array(
      fc.integer({ min: 0, max: cs.length - 1 }).chain((i) =>
        fc.record({
          citizen: fc.constant(i),
          kind: fc.constantFrom('complaint', 'complaint', 'help', 'report') as fc.Arbitrary<GeneratedTicket['kind']>,
          title: text(cs[i][0], cs[i][1]).map((t) => `${cs[i][0]}${t}`.slice(0, 200)),
          content: text(cs[i][0], cs[i][1]),
        }),
      ),
      { minLength: 1, maxLength: 8 },
    )
    .map((tickets) => ({ citizens: cs, tickets })),
);

/** The states a screen went through: its snapshots and each patch applied to the one before. */
function screenStates(messages: ScreenClient['messages']): Snapshot[] {
  const out: Snapshot[] = [];
  let state: Snapshot | null = null;
  for (const m of messages) {
    if (m.kind === 'snapshot') state = structuredClone(m.payload as Snapshot);
    else if (m.kind === 'patch' && state) applyPatch(state, (m.payload as PatchMessage).ops);
    else continue;
    out.push(structuredClone(state!));
  }
  return out;
}

describe('no wall payload holds personal data', () => {
  it('for numbers in every format and citizens’ names in random titles and contents (property, real server)', async () => {
    const s = await start();
    const wall = connectScreen(s.url, { token: TOKEN.wall });
    screens.push(wall);
    await wall.until('the first snapshot', () => wall.messages[0]);
    const names = new Set<string>();
    let run = 0;
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(batch, async ({ citizens: cs, tickets }) => {
        run++;
        for (const [n] of cs) names.add(n);
        const events: Array<Record<string, unknown>> = [];
        const base = run * 30;
        tickets.forEach((t, i) => {
          const id = `P${run}-${i}`;
          const [citizenName, phone] = cs[t.citizen];
          const category = t.kind === 'report' ? ['纪检监察'] : ['城乡建设', '市政设施'];
          events.push(
            created(id, at(base + i), {
              kind: t.kind,
              category,
              title: t.title,
              content: t.content,
              citizen: { name: citizenName, phone },
            }),
          );
          // Red soon (due before the run's last event), so every title reaches the warning lists.
          events.push(assigned(id, at(base + i, '2026-11-30'), 'd-cg', at(base + 20)));
        });
        events.push(callOffered(at(base + 25)));
        const ids = await produce(redis, s.stream, events);
        await waitDurable(redis, s.instance, ids.at(-1)!);
        const seen = wall.messages.length;
        const snap = await waitFor('the snapshot of this run', async () => {
          const x = (await call<Snapshot>(s.url, '/api/v1/snapshot', { token: TOKEN.wall })).body;
          return atOrAfter(x.lastEntryId, ids.at(-1)!) ? x : null;
        });
        await wall.until('the wall caught up', () => atOrAfter(wall.state()?.lastEntryId ?? null, ids.at(-1)!));
        const [red, yellow] = await Promise.all(
          (['red', 'yellow'] as const).map(
            async (c) => (await call<WarningsAnswer>(s.url, `/api/v1/warnings?color=${c}&limit=500`, { token: TOKEN.wall })).body,
          ),
        );
        expect(red.items.length).toBeGreaterThan(0);
        const all = [...names];
        expect(personalDataIn(snap, all)).toEqual([]);
        expect(personalDataIn([red, yellow], all)).toEqual([]);
        const states = screenStates(wall.messages);
        for (const st of states.slice(Math.max(0, seen - 1))) expect(personalDataIn(st, all)).toEqual([]);
        for (const w of [...snap.hotTopics.map((h) => h.word), ...snap.clusters.map((c) => c.word)]) {
          for (const n of all) expect(n.includes(w) || w.includes(n), `${w} is (part of) ${n}`).toBe(false);
          expect(longestDigitRun(w)).toBeLessThan(3);
        }
        checked += red.items.length;
      }),
      { numRuns: 8, endOnFailure: true },
    );
    expect(wall.errors).toEqual([]);
    expect(checked).toBeGreaterThan(8);
    // The leader's ticket detail masks too (not a wall payload, the same functions).
    const detail = await call<TicketAnswer>(s.url, '/api/v1/tickets/P1-0', { token: TOKEN.leader });
    expect(personalDataIn(detail.body, [...names])).toEqual([]);
  }, 240_000);
});

describe('citizens’ data kept no longer than limits.personalDataDays (180) after the close', () => {
  it('deletes content, name and phone of tickets closed long ago, says so in the detail, and keeps the rest', async () => {
    const s = await start();
    const keys = makeKeys(s.instance, s.stream);
    const citizen = { name: '李秀英', phone: '13912345678' };
    const day0 = '2026-03-01';
    const life = (id: string, day: string) => [
      created(id, at(0, day), { title: '李秀英反映楼道漏水', content: '李秀英来电：楼道漏水，电话13912345678。', citizen }),
      assigned(id, at(10, day), 'd-cg', at(3 * 24 * 60, day)),
      signed(id, at(20, day)),
      { ...replied(id, at(30, day)), summary: '已联系李秀英，已维修' },
      { v: 1, id: `close-${id}`, type: 'ticket.closed', at: at(40, day), ticketId: id },
    ];
    const events = [
      ...life('OLD', day0),
      ...life('LATER', '2026-05-01'),
      ...life('BACK', day0),
      // Reopened: open again, its data is needed.
      { v: 1, id: 'reopen-BACK', type: 'ticket.reopened', at: at(0, '2026-03-05'), ticketId: 'BACK', reason: '李秀英称未修好' },
      // 180 days and a bit after OLD's close: OLD is due, LATER not yet.
      callOffered(at(60, '2026-08-29')),
    ];
    const ids = await produce(redis, s.stream, events);
    await waitDurable(redis, s.instance, ids.at(-1)!);

    const detail = async (id: string) => (await call<TicketAnswer>(s.url, `/api/v1/tickets/${id}`, { token: TOKEN.leader })).body;
    const old = await waitFor(
      'OLD purged',
      async () => {
        const a = await detail('OLD');
        return a.ticket.personalDataDeleted ? a : null;
      },
      { timeoutMs: 30_000 },
    );
    expect(old.ticket).toMatchObject({
      title: '李**反映楼道漏水',
      content: '',
      citizen: null,
      personalDataDeleted: {
        at: '2026-08-29T09:00:00+08:00',
        note: '工单办结已超过 180 天，来电人姓名、电话和诉求内容已于 2026-08-29 按规定删除。',
      },
    });
    expect(old.timeline.map((t) => t.type)).toEqual([
      'ticket.created',
      'ticket.assigned',
      'ticket.signed',
      'ticket.replied',
      'ticket.closed',
    ]);
    expect(old.timeline[3].detail.summary).toBe('已联系李**，已维修');
    // In the store itself: nothing of hers left for that ticket.
    const stored = [(await redis.hGet(keys.details, 'OLD'))!, ...(await redis.lRange(keys.timeline('OLD'), 0, -1))].join('\n');
    expect(stored).not.toMatch(/李秀英|13912345678|楼道漏水，电话/);
    expect(JSON.parse((await redis.hGet(keys.details, 'OLD'))!)).toMatchObject({
      title: '李**反映楼道漏水',
      personalDataDeleted: { days: 180 },
    });

    // Closed later, and reopened: kept. The reopened one leaves the index; LATER stays in it.
    for (const id of ['LATER', 'BACK']) {
      const a = await detail(id);
      expect(a.ticket.personalDataDeleted).toBeNull();
      expect(a.ticket.citizen).toEqual({ name: '李**', phone: '139****5678' });
      expect(a.ticket.content).toBe('李**来电：楼道漏水，电话139****5678。');
    }
    expect((await redis.zRangeWithScores(keys.closed, 0, -1)).map((m) => m.value)).toEqual(['LATER']);

    // Time goes on (event clock): LATER's turn.
    const more = await produce(redis, s.stream, [callOffered(at(60, '2026-10-29'))]);
    await waitDurable(redis, s.instance, more[0]);
    await waitFor('LATER purged', async () => (await detail('LATER')).ticket.personalDataDeleted !== null, { timeoutMs: 30_000 });
    expect(await redis.zCard(keys.closed)).toBe(0);
    expect((await detail('BACK')).ticket.citizen).toEqual({ name: '李**', phone: '139****5678' });
    // The wall never had any of it.
    expect(personalDataIn(await getSnapshot(s.url), [citizen.name])).toEqual([]);
  }, 120_000);
});
