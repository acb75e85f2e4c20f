// Hot topics and 解决一类事 clusters, with a fake segmenter that splits on spaces (the server's jieba
// is tested in server/core/segmenter.unit.test.ts). Every expected value is worked out by hand.
import { describe, expect, it } from 'vitest';
import { ConfigSchema, defaultConfig } from '../../config.ts';
import {
  buildSnapshot,
  clusters,
  countTopics,
  createRules,
  createState,
  eventKeywords,
  hotTopics,
  MAX_DAY_KEYWORDS,
  restoreState,
  takeChanges,
  titleKeywords,
  type CoreState,
  type Rules,
  type TopicDay,
} from '../index.ts';
import type { HotlineEvent } from '../../contract/events.ts';
import { Feed, ms } from './build.ts';

const bySpaces = (text: string) => text.split(/\s+/);
const topicRules = (config = defaultConfig()): Rules => createRules(config, { tz: 'Asia/Shanghai', clock: 'event', segment: bySpaces });
const snapshotAt = (f: Feed, at: string) => buildSnapshot(f.state, f.rules, { asOf: ms(at), builtAt: 0, wallNow: 0, seq: 1 });
/** A feed with the fake segmenter; `t(id, at, district, title, extra)` creates a ticket. */
function feed(rules = topicRules()) {
  const f = new Feed(rules);
  const t = (id: string, at: string, district: string, title: string, extra: Record<string, unknown> = {}) =>
    f.created(id, at, { district, title, ...extra });
  return { f, t };
}

describe('keywords of a title', () => {
  it('keeps words of two or more characters that are not numbers, masks or stopwords, five at most, each once', () => {
    // 市民/反映/小区 are stopwords, 水 is one character, 138****5678 is a mask, 2026 and 12 are
    // numbers, 5678室 holds a long number; 暖气 comes twice; 噪音 is the sixth keyword.
    expect(titleKeywords(bySpaces, '市民 反映 小区 水 暖气 138****5678 2026 12 5678室 不热 暖气 供暖 漏水 停水 噪音')).toEqual([
      '暖气',
      '不热',
      '供暖',
      '漏水',
      '停水',
    ]);
    expect(titleKeywords(bySpaces, '（ ） —— 3号 5G信号')).toEqual(['3号', '5G信号']);
  });
});

describe('hot topics', () => {
  // Yesterday (11-19): 暖气 once. Today (11-20): 暖气 three times (twice in 泰山区), 不热 twice, 漏水
  // once; a report whose title says 暖气 and 贪污 counts for nothing; content is never read.
  const { f, t } = feed();
  t('Y1', '2026-11-19 16:00', '370902', '暖气');
  t('T1', '2026-11-20 08:00', '370902', '暖气 不热', { content: '燃气 燃气 燃气' });
  t('T2', '2026-11-20 09:00', '370902', '暖气 漏水 暖气');
  t('T3', '2026-11-20 10:00', '370911', '不热 暖气');
  t('R1', '2026-11-20 10:30', '370902', '暖气 贪污', { kind: 'report', category: ['纪检监察'] });
  t('R2', '2026-11-20 10:40', '370902', '贪污 贪污', { kind: 'report', category: ['纪检监察'] });
  const s = snapshotAt(f, '2026-11-20 12:00');

  it("lists today's words by count with yesterday's count and the top districts", () => {
    expect(s.hotTopics).toEqual([
      {
        word: '暖气',
        count: 3,
        yesterday: 1,
        districts: [
          { code: '370902', count: 2 },
          { code: '370911', count: 1 },
        ],
      },
      {
        word: '不热',
        count: 2,
        yesterday: 0,
        districts: [
          { code: '370902', count: 1 },
          { code: '370911', count: 1 },
        ],
      },
      { word: '漏水', count: 1, yesterday: 0, districts: [{ code: '370902', count: 1 }] },
    ]);
  });

  it('never takes a word from a report (举报) ticket, nor from any content', () => {
    const json = JSON.stringify(s);
    expect(json).not.toContain('贪污');
    expect(json).not.toContain('燃气');
    expect(f.state.topics.get(f.rules.zone.dayOf(ms('2026-11-20 12:00')))!.keywords).toEqual({ 暖气: 3, 不热: 2, 漏水: 1 });
  });

  it('takes the words from the masked title', () => {
    const g = feed();
    g.t('P1', '2026-11-20 08:00', '370902', '电话 13812345678 停水');
    expect(snapshotAt(g.f, '2026-11-20 12:00').hotTopics.map((h) => h.word)).toEqual(['停水']);
    expect(g.f.state.tickets.get('P1')!.title).toBe('电话 138****5678 停水');
  });

  it('counts nothing without a segmenter', () => {
    const g = new Feed(); // rulesFor(): no segment
    g.created('N1', '2026-11-20 08:00', { title: '暖气 不热' });
    expect(g.state.topics.size).toBe(0);
    expect(snapshotAt(g, '2026-11-20 12:00').hotTopics).toEqual([]);
    expect(snapshotAt(g, '2026-11-20 12:00').clusters).toEqual([]);
  });

  it('keeps the ten largest, ties by word in code-unit order, and three districts each', () => {
    const today: TopicDay = { keywords: {}, keywordDistricts: {} };
    // Twelve words: 丙丙 (U+4E19) < 乙乙 (U+4E59) < 甲甲 (U+7532) tie at 5; the rest count 1..9 apart.
    Object.assign(today.keywords, { 甲甲: 5, 乙乙: 5, 丙丙: 5, aa: 9, ab: 8, ac: 7, ad: 6, ae: 4, af: 3, ag: 2, ah: 1, ai: 1 });
    Object.assign(today.keywordDistricts, { 'aa|370902': 2, 'aa|370911': 3, 'aa|370921': 2, 'aa|370923': 2, 'ah|370902': 1 });
    const yesterday: TopicDay = { keywords: { aa: 4 }, keywordDistricts: {} };
    const top = hotTopics(today, yesterday, ['370902', '370911', '370921', '370923', '370982', '370983']);
    expect(top.map((h) => `${h.word}:${h.count}`)).toEqual([
      'aa:9',
      'ab:8',
      'ac:7',
      'ad:6',
      '丙丙:5',
      '乙乙:5',
      '甲甲:5',
      'ae:4',
      'af:3',
      'ag:2',
    ]);
    // aa: 370911 has 3; 370902, 370921 and 370923 tie at 2, the first two by code.
    expect(top[0]).toEqual({
      word: 'aa',
      count: 9,
      yesterday: 4,
      districts: [
        { code: '370911', count: 3 },
        { code: '370902', count: 2 },
        { code: '370921', count: 2 },
      ],
    });
    expect(top[1]).toEqual({ word: 'ab', count: 8, yesterday: 0, districts: [] });
  });

  it("reads words like 'constructor' as words, not as the object's own properties", () => {
    const g = feed();
    g.t('C1', '2026-11-20 08:00', '370902', 'constructor toString');
    const s2 = snapshotAt(g.f, '2026-11-20 12:00');
    expect(s2.hotTopics.map((h) => [h.word, h.count, h.yesterday])).toEqual([
      ['constructor', 1, 0],
      ['toString', 1, 0],
    ]);
  });
});

describe('解决一类事 clusters', () => {
  // Friday 11-20 is today; the window of 3 days is 11-18..11-20. 停水 in 泰山区: 2 on 11-17 (outside),
  // 1 on 11-18, 2 on 11-19, 1 today = 4 in the window: below 5.
  const base = () => {
    const g = feed();
    g.t('A1', '2026-11-17 09:00', '370902', '停水');
    g.t('A2', '2026-11-17 10:00', '370902', '停水');
    g.t('A3', '2026-11-18 09:00', '370902', '停水');
    g.t('A4', '2026-11-19 09:00', '370902', '停水 漏水');
    g.t('A5', '2026-11-19 10:00', '370902', '停水');
    g.t('A6', '2026-11-20 09:00', '370902', '停水');
    return g;
  };

  it('needs clusterMin tickets within the last clusterDays days, today included', () => {
    const g = base();
    expect(snapshotAt(g.f, '2026-11-20 12:00').clusters).toEqual([]);
    g.t('A7', '2026-11-20 11:00', '370902', '停水');
    expect(snapshotAt(g.f, '2026-11-20 12:00').clusters).toEqual([
      { word: '停水', district: '370902', districtName: '泰山区', count: 5, days: 3 },
    ]);
    // A day later the window is 11-19..11-21: 2 + 2 = 4, no longer a cluster.
    expect(snapshotAt(g.f, '2026-11-21 12:00').clusters).toEqual([]);
  });

  it('sorts by count, then word, then district, and counts a district only with its own tickets', () => {
    const g = base();
    g.t('A7', '2026-11-20 11:00', '370902', '停水');
    for (let i = 0; i < 5; i++) g.t(`B${i}`, '2026-11-20 10:00', '370911', '漏水');
    for (let i = 0; i < 5; i++) g.t(`C${i}`, '2026-11-20 10:00', '370902', '油烟');
    // 漏水 has 5 in 岱岳区 and 1 in 泰山区 (A4): only 岱岳区's is a cluster. Three at 5: 停水 (U+505C)
    // < 油烟 (U+6CB9) < 漏水 (U+6F0F).
    expect(snapshotAt(g.f, '2026-11-20 12:00').clusters.map((c) => [c.word, c.district, c.count, c.days])).toEqual([
      ['停水', '370902', 5, 3],
      ['油烟', '370902', 5, 1],
      ['漏水', '370911', 5, 1],
    ]);
  });

  it('follows the configured threshold and window, and lists ten at most', () => {
    const g = feed(topicRules(ConfigSchema.parse({ thresholds: { clusterMin: 2, clusterDays: 1 } })));
    // Today only: 11 words with 2 tickets each in 泰山区, one word with 12 in 东平县; yesterday's 5 do not count.
    const stems = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸', '子'];
    for (const stem of stems) for (const n of [1, 2]) g.t(`W${stem}${n}`, '2026-11-20 09:00', '370902', `词${stem}`);
    for (let i = 0; i < 12; i++) g.t(`E${i}`, '2026-11-20 09:00', '370923', '绕路');
    for (let i = 0; i < 5; i++) g.t(`Y${i}`, '2026-11-19 09:00', '370902', '停电');
    const c = snapshotAt(g.f, '2026-11-20 12:00').clusters;
    expect(c).toHaveLength(10);
    expect(c[0]).toEqual({ word: '绕路', district: '370923', districtName: '东平县', count: 12, days: 1 });
    // The eleven tie at 2: by code unit 丁 4E01, 丙 4E19, 乙 4E59, 壬 58EC, 子 5B50, 己 5DF1, 庚 5E9A,
    // 戊 620A, 甲 7532 (then 癸 7678 and 辛 8F9B, left out).
    expect(c.slice(1).map((x) => x.word)).toEqual(['词丁', '词丙', '词乙', '词壬', '词子', '词己', '词庚', '词戊', '词甲']);
    expect(c.slice(1).every((x) => x.count === 2 && x.days === 1 && x.district === '370902')).toBe(true);
    expect(c.some((x) => x.word === '停电')).toBe(false);
  });

  it('keeps the window, not the history: days before it leave memory, and late tickets before it count nowhere', () => {
    const g = base();
    const day = (at: string) => g.f.rules.zone.dayOf(ms(at));
    expect([...g.f.state.topics.keys()].sort()).toEqual([day('2026-11-18 00:00'), day('2026-11-19 00:00'), day('2026-11-20 00:00')]);
    g.t('L1', '2026-11-16 09:00', '370902', '停水'); // a very late entry
    expect(g.f.state.topics.has(day('2026-11-16 00:00'))).toBe(false);
    expect(clusters(g.f.state, g.f.rules, day('2026-11-20 12:00'))).toEqual([]);
  });
});

describe('the daily cap of keywords', () => {
  const rules = topicRules();
  const DAY20 = rules.zone.dayOf(ms('2026-11-20 08:00'));
  /** The n-th word of 'aaa', 'aab', ... (letters only: no digits to filter). */
  const word = (n: number) => {
    let s = '';
    do {
      s = String.fromCharCode(97 + (n % 26)) + s;
      n = Math.floor(n / 26);
    } while (n > 0);
    return s.padStart(3, 'a');
  };
  const fill = (state: CoreState = createState()) => {
    for (let i = 0; i < MAX_DAY_KEYWORDS; i += 5)
      countTopics(
        state,
        rules,
        DAY20,
        '370902',
        [0, 1, 2, 3, 4].map((k) => word(i + k)),
      );
    return state;
  };

  it('stops adding new words at 5,000 a day, and keeps counting the ones it has', () => {
    const state = fill();
    const day = state.topics.get(DAY20)!;
    expect(Object.keys(day.keywords)).toHaveLength(5000);
    countTopics(state, rules, DAY20, '370902', [word(0), 'newword', word(4999)]);
    expect(Object.keys(day.keywords)).toHaveLength(5000);
    expect(day.keywords.newword).toBeUndefined();
    expect(day.keywordDistricts['newword|370902']).toBeUndefined();
    expect(day.keywords[word(0)]).toBe(2);
    expect(day.keywords[word(4999)]).toBe(2);
    expect(day.keywordDistricts[`${word(4999)}|370902`]).toBe(2);
    // The next day starts empty.
    countTopics(state, rules, DAY20 + 1, '370902', ['newword']);
    expect(state.topics.get(DAY20 + 1)!.keywords).toEqual({ newword: 1 });
  });

  it('knows a restored day is full', () => {
    const state = createState();
    state.topics.set(DAY20, JSON.parse(JSON.stringify(fill().topics.get(DAY20))) as TopicDay);
    countTopics(state, rules, DAY20, '370902', ['newword']);
    expect(state.topics.get(DAY20)!.keywords.newword).toBeUndefined();
  });

  it('skips reports before segmenting them', () => {
    const seen: string[] = [];
    const spy = createRules(defaultConfig(), { tz: 'Asia/Shanghai', clock: 'event', segment: (s) => (seen.push(s), bySpaces(s)) });
    const created = (kind: string, title: string) =>
      ({
        v: 1,
        id: 'x',
        type: 'ticket.created',
        ticketId: 'X',
        at: '2026-11-20T08:00:00+08:00',
        channel: 'phone',
        kind,
        category: ['a'],
        district: '370902',
        urgency: 'normal',
        title,
        content: '',
      }) as HotlineEvent;
    expect(eventKeywords(spy, created('report', '贪污 受贿'))).toEqual([]);
    expect(eventKeywords(spy, created('complaint', '停水 停水'))).toEqual(['停水']);
    expect(seen).toEqual(['停水 停水']);
  });
});

describe('stored days', () => {
  /** Stores the feed's state as the Redis hashes would hold it. */
  const stored = (state: CoreState, rules: Rules) => {
    const c = takeChanges(state, rules);
    return {
      meta: c.meta,
      tickets: c.tickets,
      days: c.days,
      topics: c.topics as Map<string, string> | undefined,
      rollups: c.rollups,
      depts: c.depts,
      ids: c.ids,
    };
  };

  it('restore the keywords', () => {
    const { f, t } = feed();
    t('T1', '2026-11-19 08:00', '370902', '暖气 不热');
    t('T2', '2026-11-20 08:00', '370902', '暖气');
    const restored = restoreState(stored(f.state, f.rules), undefined, f.rules);
    const input = { asOf: ms('2026-11-20 12:00'), builtAt: 0, wallNow: 0, seq: 1 };
    expect(buildSnapshot(restored, f.rules, input)).toEqual(buildSnapshot(f.state, f.rules, input));
    expect(buildSnapshot(restored, f.rules, input).hotTopics[0]).toMatchObject({ word: '暖气', count: 1, yesterday: 1 });
  });

  it('written before the keywords existed restore with none, and count from then on', () => {
    const { f, t } = feed();
    t('T1', '2026-11-20 08:00', '370902', '暖气');
    const s = stored(f.state, f.rules);
    s.topics = undefined; // as an older server wrote its state: no topics hash
    const g = new Feed(f.rules);
    g.state = restoreState(s, undefined, f.rules);
    expect(g.state.days.get(f.rules.zone.dayOf(ms('2026-11-20 08:00')))!.created).toBe(1);
    expect(snapshotAt(g, '2026-11-20 12:00').hotTopics).toEqual([]);
    g.created('T2', '2026-11-20 09:00', { title: '暖气 停水' });
    expect(snapshotAt(g, '2026-11-20 12:00').hotTopics.map((h) => [h.word, h.count])).toEqual([
      ['停水', 1],
      ['暖气', 1],
    ]);
    const date = '2026-11-20';
    expect(JSON.parse(takeChanges(g.state, g.rules).topics.get(date)!).keywords).toEqual({ 暖气: 1, 停水: 1 });
  });
});

describe('no person’s name as a word (metrics.md, Personal data)', () => {
  it('masks the citizen’s own name and phone before the words are taken, and drops a part of the name left alone', () => {
    const rules = topicRules();
    const e = (title: string, citizen: Record<string, unknown> | null) =>
      ({
        v: 1,
        id: 'x',
        type: 'ticket.created',
        at: '2026-11-20T08:00:00+08:00',
        ticketId: 'T1',
        channel: 'phone',
        kind: 'complaint',
        category: ['供暖'],
        district: '370902',
        urgency: 'normal',
        title,
        content: '',
        citizen,
      }) as HotlineEvent;
    // 王晓翠 becomes 王** (a mask, no word); 晓翠 alone is a part of her name; 661234 her short number.
    expect(eventKeywords(rules, e('王晓翠 反映 暖气 不热 晓翠 661234', { name: '王晓翠', phone: '661234' }))).toEqual(['暖气', '不热']);
    // Someone else's ticket keeps the word: it is only her name on her ticket.
    expect(eventKeywords(rules, e('晓翠 暖气', { name: '李四' }))).toEqual(['晓翠', '暖气']);
  });

  it('never counts the names the configuration lists, and forgets those already counted when the state is restored', () => {
    const config = ConfigSchema.parse({ privacy: { names: ['泰山奶奶'], places: ['北集坡'] } });
    const { f, t } = feed(topicRules(config));
    for (let i = 0; i < 6; i++) t(`T${i}`, '2026-11-20 08:00', '370902', '泰山奶奶 暖气');
    expect(snapshotAt(f, '2026-11-20 12:00').hotTopics.map((h) => h.word)).toEqual(['暖气']);
    expect(snapshotAt(f, '2026-11-20 12:00').clusters.map((c) => c.word)).toEqual(['暖气']);

    // Counted before the name was configured: the restore under the new configuration drops it.
    const before = feed();
    for (let i = 0; i < 6; i++) before.t(`T${i}`, '2026-11-20 08:00', '370902', '泰山奶奶 暖气');
    expect(snapshotAt(before.f, '2026-11-20 12:00').clusters.map((c) => c.word)).toEqual(['暖气', '泰山奶奶']);
    const c = takeChanges(before.f.state, before.f.rules);
    const stored = { meta: c.meta, tickets: c.tickets, days: c.days, topics: c.topics, rollups: c.rollups, depts: c.depts, ids: c.ids };
    const g = new Feed(topicRules(config));
    g.state = restoreState(stored, undefined, g.rules);
    const s = snapshotAt(g, '2026-11-20 12:00');
    expect(s.hotTopics.map((h) => [h.word, h.count])).toEqual([['暖气', 6]]);
    expect(s.clusters.map((x) => x.word)).toEqual(['暖气']);
  });
});
