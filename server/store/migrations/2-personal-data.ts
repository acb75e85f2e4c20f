// Schema 2: what schema 1 stored for screens was masked by the old rules, which let through numbers
// written with +86, separators or full-width digits, bare 7-8 digit numbers, 15-digit IDs and the
// caller's own name (metrics.md, Personal data). From the stored details (the raw title and the
// citizen), with the new rules, this step
// - re-masks every ticket record's title (what warnings show);
// - counts the hot-topic keywords of the window's days again (a name or a number could be a word);
// - strips the title, content and citizen from the created ticket's record in each timeline (the
//   timeline no longer keeps them);
// - fills the `closed` index (close time by ticket) that the personal-data sweep reads (retention.ts).
// Every part writes what the new rules give from stored inputs it does not change, so running it
// again changes nothing. One chunk of tickets at a time: memory stays flat however many there are.
import {
  countTopics,
  createState,
  dateOfDay,
  dayOfDate,
  maskText,
  strippedTimelineRecord,
  ticketKeywords,
  type StoredDetails,
  type Ticket,
} from '../../../shared/domain/index.ts';
import type { MigrationContext, MigrationStep } from './index.ts';

/** A ticket of the keyword window, to count again once every chunk is read. */
interface WindowTicket {
  id: string;
  createdAt: number;
  day: number;
  district: string;
  words: string[];
}

/** The close time of a record written before tickets carried one: its timeline's last close. */
function lastCloseAt(timeline: string[]): number | null {
  for (let i = timeline.length - 1; i >= 0; i--) {
    const e = parseOrNull<{ type?: string; at?: string }>(timeline[i]);
    if (e?.type === 'ticket.closed' && typeof e.at === 'string') return Date.parse(e.at);
  }
  return null;
}

/** A stored JSON string, or null when it is missing or unreadable (the step never stops on one). */
function parseOrNull<T>(json: string | null | undefined): T | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as T;
  } catch {
    return null;
  }
}

async function migrateChunk(
  ctx: MigrationContext,
  chunk: Array<[string, string]>,
  windowDays: ReadonlySet<number>,
  found: Map<string, WindowTicket>,
) {
  const { conn, keys, rules } = ctx;
  const ids = chunk.map(([id]) => id);
  const [details, firsts] = await Promise.all([
    conn.hmGet(keys.details, ids),
    Promise.all(ids.map((id) => conn.lIndex(keys.timeline(id), 0))),
  ]);
  const m = conn.multi();
  let writes = 0;
  for (const [i, [id, json]] of chunk.entries()) {
    const t = JSON.parse(json) as Ticket;
    const d = parseOrNull<StoredDetails>(details[i] as string | null);
    // The raw title when the details still hold it (with its citizen); else the stored one, again.
    const title = d?.title !== undefined ? maskText(d.title, d.citizen) : maskText(t.title);
    if (title !== t.title) {
      m.hSet(keys.tickets, id, JSON.stringify({ ...t, title }));
      writes++;
    }
    const first = firsts[i] as string | null;
    const stripped = first === null ? null : strippedTimelineRecord(first);
    if (stripped !== null) {
      m.lSet(keys.timeline(id), 0, stripped);
      writes++;
    }
    if (t.state === 'closed') {
      const closedAt = t.closedAt ?? lastCloseAt(await conn.lRange(keys.timeline(id), 0, -1));
      if (closedAt !== null) {
        m.zAdd(keys.closed, { value: id, score: closedAt });
        writes++;
      }
    }
    const day = rules.zone.dayOf(t.createdAt);
    if (windowDays.has(day) && t.kind !== 'report') {
      const words = d?.title !== undefined ? ticketKeywords(rules, d.title, d.citizen) : ticketKeywords(rules, t.title, null);
      found.set(id, { id, createdAt: t.createdAt, day, district: t.district, words });
    }
  }
  if (writes > 0) await m.exec();
}

/** The window's keyword days, counted again from its tickets in creation order. */
async function recountTopics(ctx: MigrationContext, storedDates: string[], window: Iterable<WindowTicket>) {
  const { conn, keys, rules } = ctx;
  const state = createState({ trackChanges: false });
  const found = [...window].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const t of found) countTopics(state, rules, t.day, t.district, t.words);
  const days = new Map([...state.topics].map(([day, topic]) => [dateOfDay(day), JSON.stringify(topic)]));
  const m = conn.multi();
  for (const date of storedDates) {
    m.hSet(keys.topics, date, days.get(date) ?? JSON.stringify({ keywords: {}, keywordDistricts: {} }));
  }
  await m.exec();
}

export const personalDataStep: MigrationStep = {
  to: 2,
  what: 'titles and hot-topic words masked by the new rules (numbers in every form, the citizen’s own name), no citizen data in timelines, the closed-ticket index',
  async run(ctx) {
    const { conn, keys, rules, log } = ctx;
    const storedDates = await conn.hKeys(keys.topics);
    const windowDays = new Set(storedDates.map((d) => dayOfDate(d)).filter((d): d is number => d !== null));
    // By id: HSCAN may hand out a field twice.
    const found = new Map<string, WindowTicket>();
    let tickets = 0;
    for await (const batch of conn.hScanIterator(keys.tickets, { COUNT: 500 })) {
      const chunk = batch.map(({ field, value }) => [String(field), String(value)] as [string, string]);
      await migrateChunk(ctx, chunk, windowDays, found);
      tickets += chunk.length;
    }
    if (!rules.segment) log.warn('no segmenter: the hot-topic words are left as they were');
    else if (storedDates.length > 0) await recountTopics(ctx, storedDates, found.values());
    log.info(`${tickets} tickets' titles and timelines checked, ${found.size} tickets of the keyword window counted again`);
  },
};
