// Hot topics and 解决一类事 (spotting a class of similar complaints so the city fixes the class, not
// ticket by ticket). Keywords come from the MASKED title of each created ticket (never its content;
// its citizen's own name and phone masked in it too), 举报 tickets excepted, through a segmenter the
// caller injects in the rules (the server passes jieba, which leaves out the names it knows or that
// read as names); without one nothing is counted. No word is a person's name (metrics.md): not the
// ticket's citizen's, nor one the configuration names (`privacy.names`). They are taken when the entry is parsed
// (ingest.ts), beside validation, so applying stays cheap; they are counted per local day for the
// last few days only (the clusters' window, at least today and yesterday), so memory and the
// snapshot's cost never grow with history.
import type { HotlineEvent } from '../contract/events.ts';
import type { Cluster, HotTopic } from '../contract/snapshot.ts';
import { maskText, type CitizenData } from './privacy.ts';
import type { Rules } from './rules.ts';
import { counts, type CoreState, type TopicDay } from './state.ts';

/** Distinct keywords counted per title, in the title's order. */
export const MAX_KEYWORDS_PER_TITLE = 5;
/** A day counts at most this many distinct words; after that only words it already has. */
export const MAX_DAY_KEYWORDS = 5000;
/** Longer "words" are noise (a pasted string): skipped. */
export const MAX_KEYWORD_LENGTH = 16;
/** Hot topics and clusters in the snapshot. */
export const HOT_TOPICS = 10;
export const CLUSTERS = 10;
/** Districts of each hot topic. */
export const HOT_TOPIC_DISTRICTS = 3;

/**
 * Words that say nothing about what a ticket is about: how a work order is phrased (市民来电反映…),
 * kinds of request, contact details that masking leaves behind, and address words (小区, 大街,
 * 号楼, 附近...): every compound is a 小区, so "小区" would top every day in every district.
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  // phrasing and kinds of request
  '市民',
  '来电',
  '反映',
  '反应',
  '问题',
  '情况',
  '咨询',
  '投诉',
  '举报',
  '建议',
  '求助',
  '表扬',
  '感谢',
  '要求',
  '希望',
  '请求',
  '请问',
  '是否',
  '如何',
  '怎么',
  '什么',
  '为什么',
  '能否',
  '可以',
  '已经',
  '一直',
  '多次',
  '长期',
  '没有',
  '无人',
  '存在',
  '出现',
  '进行',
  '相关',
  '部门',
  '处理',
  '解决',
  '有',
  // contact details
  '联系',
  '电话',
  '联系电话',
  '手机',
  '手机号',
  '身份证',
  '身份证号',
  '号码',
  // addresses
  '附近',
  '小区',
  '社区',
  '花园',
  '家园',
  '新村',
  '大街',
  '街道',
  '路段',
  '路口',
  '交叉口',
  '号楼',
  '单元',
  '门口',
  '周边',
  '对面',
  '旁边',
  '家中',
  '住户',
  '居民',
  '业主',
  // pronouns and fillers
  '我们',
  '他们',
  '自己',
  '这个',
  '那个',
  '一个',
  '作为',
  '因为',
  '所以',
  '但是',
  '导致',
  '造成',
  '影响',
]);

const WORD = /^[\p{L}\p{M}\p{N}]+$/u;
const LETTER = /\p{L}/u;
const LONG_NUMBER = /\p{N}{3}/u;
const FIELD = '|';

/** Whether a token from the segmenter is worth counting. */
export function isKeyword(word: string): boolean {
  // Letters, marks and digits only: no mask stars, no punctuation, no spaces, no key separator.
  if (!WORD.test(word)) return false;
  const length = [...word].length;
  if (length < 2 || length > MAX_KEYWORD_LENGTH) return false;
  // Not a number, nor a fragment of one (a masked phone's 138 / 5678, a plate's digits).
  if (!LETTER.test(word) || LONG_NUMBER.test(word)) return false;
  return !STOPWORDS.has(word);
}

/**
 * At most MAX_KEYWORDS_PER_TITLE distinct keywords of a masked title, in order; `isName` tells the
 * words that are a person's name.
 */
export function titleKeywords(
  segment: (text: string) => string[],
  maskedTitle: string,
  isName: (word: string) => boolean = () => false,
): string[] {
  const out: string[] = [];
  for (const token of segment(maskedTitle)) {
    const w = token.trim();
    if (!isKeyword(w) || out.includes(w) || isName(w)) continue;
    out.push(w);
    if (out.length === MAX_KEYWORDS_PER_TITLE) break;
  }
  return out;
}

// Words held by each day's `keywords` record, so the cap costs O(1): counted once per record (after
// a restore), then kept up as words are added.
const sizes = new WeakMap<Record<string, number>, number>();
function sizeOf(rec: Record<string, number>): number {
  let n = sizes.get(rec);
  if (n === undefined) sizes.set(rec, (n = Object.keys(rec).length));
  return n;
}

const has = (rec: Record<string, number>, k: string) => Object.hasOwn(rec, k);
const countOf = (rec: Record<string, number>, k: string) => (has(rec, k) ? rec[k] : 0);

/**
 * The keywords of an entry, taken when it is parsed: a created ticket's masked title, unless it is a
 * 举报 ticket (a report's title is never shown, nor are words taken from it). Empty without a
 * segmenter.
 */
export function eventKeywords(rules: Rules, e: HotlineEvent): string[] {
  if (!rules.segment || e.type !== 'ticket.created' || e.kind === 'report') return [];
  return ticketKeywords(rules, e.title, e.citizen);
}

/** The keywords of a created ticket's title, given its citizen (the migration re-counts with it). */
export function ticketKeywords(rules: Rules, title: string, citizen: CitizenData | null | undefined): string[] {
  if (!rules.segment) return [];
  const names = configuredNames(rules);
  const own = citizen?.name?.trim() ?? '';
  // The citizen's own name is masked in the title; a part of it left alone (the given name) is no word either.
  const isName = (w: string) => names.has(w) || (own.length >= 2 && (own.includes(w) || w.includes(own)));
  return titleKeywords(rules.segment, maskText(title, citizen), isName);
}

const namesOf = new WeakMap<Rules['config'], ReadonlySet<string>>();
/** The configuration's personal names, as a set (made once per config). */
function configuredNames(rules: Rules): ReadonlySet<string> {
  let set = namesOf.get(rules.config);
  if (!set) namesOf.set(rules.config, (set = new Set(rules.config.privacy.names)));
  return set;
}

/**
 * Forgets the configured names among the counted words: a name added to the configuration leaves
 * the wall at the next start, not days later. Called when the state is restored.
 */
export function forgetConfiguredNames(state: CoreState, rules: Rules): void {
  const names = configuredNames(rules);
  if (names.size === 0) return;
  for (const topic of state.topics.values()) {
    for (const w of Object.keys(topic.keywords)) {
      if (!names.has(w)) continue;
      delete topic.keywords[w];
      sizes.delete(topic.keywords);
    }
    for (const key of Object.keys(topic.keywordDistricts)) if (names.has(splitKey(key)[0])) delete topic.keywordDistricts[key];
  }
}

/** Days of keywords kept: the clusters' window, and yesterday for the hot topics' comparison. */
export function topicWindow(rules: Rules): number {
  return Math.max(2, rules.config.thresholds.clusterDays);
}

/** Keeps only the window's days before `newest`; the days let go are the store's to delete. */
function slideWindow(state: CoreState, rules: Rules, newest: number): void {
  const first = newest - topicWindow(rules) + 1;
  for (const day of state.topics.keys()) {
    if (day >= first) continue;
    state.topics.delete(day);
    state.dirty?.forgetTopics.push(day);
  }
}

/**
 * Counts a just-created ticket's keywords on its local day (apply.ts, one call per ticket.created).
 * A ticket created before the window (a very late entry) counts in no hot topic.
 */
export function countTopics(state: CoreState, rules: Rules, day: number, district: string, words: readonly string[]): void {
  if (words.length === 0) return;
  let newest = -Infinity;
  for (const d of state.topics.keys()) if (d > newest) newest = d;
  if (day > newest) slideWindow(state, rules, day);
  else if (day < newest - topicWindow(rules) + 1) return;
  let topic = state.topics.get(day);
  if (!topic) state.topics.set(day, (topic = { keywords: counts(), keywordDistricts: counts() }));
  state.dirty?.topics.add(day);
  const kw = topic.keywords;
  for (const w of words) {
    if (!has(kw, w)) {
      const n = sizeOf(kw);
      if (n >= MAX_DAY_KEYWORDS) continue; // a new word on a full day: not counted anywhere
      sizes.set(kw, n + 1);
      kw[w] = 0;
    }
    kw[w]++;
    const key = w + FIELD + district;
    topic.keywordDistricts[key] = countOf(topic.keywordDistricts, key) + 1;
  }
}

/** A "word|district" key split at its last separator (district codes hold none). */
function splitKey(key: string): [string, string] {
  const i = key.lastIndexOf(FIELD);
  return [key.slice(0, i), key.slice(i + 1)];
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The `limit` largest of `items` under `before` (a strict order), in that order: O(n · limit). */
function topK<T>(items: Iterable<T>, limit: number, before: (a: T, b: T) => number): T[] {
  const top: T[] = [];
  if (limit < 1) return top;
  for (const x of items) {
    if (top.length === limit && before(x, top[limit - 1]) >= 0) continue;
    let i = top.length === limit ? limit - 1 : top.length;
    while (i > 0 && before(x, top[i - 1]) < 0) {
      top[i] = top[i - 1];
      i--;
    }
    top[i] = x;
  }
  return top;
}

/**
 * Today's top words by tickets (count descending, then word by code unit), each with yesterday's
 * count and its top districts among `districts` (count descending, then code). O(today's words).
 */
export function hotTopics(today: TopicDay, yesterday: TopicDay, districts: readonly string[], limit = HOT_TOPICS): HotTopic[] {
  const top = topK(Object.entries(today.keywords), limit, (a, b) => b[1] - a[1] || byCodeUnit(a[0], b[0]));
  return top.map(([word, count]) => ({
    word,
    count,
    yesterday: countOf(yesterday.keywords, word),
    districts: topK(
      districts.flatMap((code) => {
        const n = countOf(today.keywordDistricts, word + FIELD + code);
        return n > 0 ? [{ code, count: n }] : [];
      }),
      HOT_TOPIC_DISTRICTS,
      (a, b) => b.count - a.count || byCodeUnit(a.code, b.code),
    ),
  }));
}

/**
 * 解决一类事 candidates: (word, district) pairs with at least `clusterMin` tickets over the last
 * `clusterDays` local days up to `today` (included), count descending, then word, then district;
 * `days` is how many of those days had such a ticket. O(the window's keyword pairs).
 */
export function clusters(state: CoreState, rules: Rules, today: number, limit = CLUSTERS): Cluster[] {
  const { clusterMin, clusterDays } = rules.config.thresholds;
  // One number per pair, no object: tickets × 32 + days (clusterDays is at most 31).
  const sums = new Map<string, number>();
  for (let d = today - clusterDays + 1; d <= today; d++) {
    const pairs = state.topics.get(d)?.keywordDistricts;
    if (!pairs) continue;
    for (const key in pairs) {
      const n = pairs[key];
      if (n > 0) sums.set(key, (sums.get(key) ?? 0) + n * 32 + 1);
    }
  }
  const found: Cluster[] = [];
  const min = clusterMin * 32;
  for (const [key, v] of sums) {
    if (v < min) continue;
    const [word, district] = splitKey(key);
    found.push({ word, district, districtName: rules.districtNames.get(district) ?? district, count: Math.floor(v / 32), days: v % 32 });
  }
  return topK(found, limit, (a, b) => b.count - a.count || byCodeUnit(a.word, b.word) || byCodeUnit(a.district, b.district));
}
