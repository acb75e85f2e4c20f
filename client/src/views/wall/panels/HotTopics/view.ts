// Hot topics (热词) and 解决一类事 clusters for the wall, from the snapshot's hotTopics and clusters.
// Yesterday's whole-day count against today's count so far would read "down" every morning, so
// the trend compares today with yesterday AT THE SAME TIME: yesterday's count scaled by the share of
// yesterday's tickets created by this hour (the hourly curve the snapshot carries). Pure.
import { clusterRuleShort, clusterWindow } from '@shared/rules-text.ts';
import type { Cluster, HotTopic, Snapshot } from '@shared/contract/snapshot.ts';

export type Trend = 'up' | 'down' | 'flat' | 'new';

export const TREND_MARKS: Record<Trend, string> = { up: '↑', down: '↓', flat: '→', new: '新' };
export const TREND_WORDS: Record<Trend, string> = { up: '升', down: '降', flat: '平', new: '新' };

export interface HotTopicRow {
  word: string;
  count: number;
  /** Yesterday's whole day. */
  yesterday: number;
  /** Yesterday up to the same hour, estimated (rounded). */
  sameTime: number;
  trend: Trend;
  /** Today's top districts by name, "泰山区 30 · 岱岳区 22". */
  districts: string;
}

/** Share (0..1) of yesterday's created tickets that came in up to and including `hour`; 1 when unknown. */
export function sameTimeShare(s: Snapshot, hour: number | null): number {
  const y = s.hourly?.yesterday?.created ?? [];
  const total = y.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
  if (hour === null || total === 0) return 1;
  let upto = 0;
  for (let h = 0; h <= hour && h < y.length; h++) upto += Number.isFinite(y[h]) ? y[h] : 0;
  return upto / total;
}

/**
 * Up or down when today is at least 20% and 3 tickets away from yesterday at the same time; new when
 * yesterday had none.
 */
export function trendOf(count: number, yesterday: number, sameTime: number): Trend {
  if (yesterday === 0) return count > 0 ? 'new' : 'flat';
  const diff = count - sameTime;
  if (Math.abs(diff) < 3 || Math.abs(diff) < 0.2 * sameTime) return 'flat';
  return diff > 0 ? 'up' : 'down';
}

export function hotTopicRows(s: Snapshot | null, hour: number | null, districtName: (code: string) => string): HotTopicRow[] {
  if (!s) return [];
  const share = sameTimeShare(s, hour);
  return (s.hotTopics ?? []).slice(0, 10).map((t: HotTopic) => {
    const sameTime = Math.round(t.yesterday * share);
    return {
      word: t.word,
      count: t.count,
      yesterday: t.yesterday,
      sameTime,
      trend: trendOf(t.count, t.yesterday, sameTime),
      districts: t.districts.map((d) => `${districtName(d.code)} ${d.count}`).join(' · '),
    };
  });
}

export interface ClusterRow extends Cluster {
  key: string;
}

export function clusterRows(s: Snapshot | null): ClusterRow[] {
  return (s?.clusters ?? []).slice(0, 10).map((c) => ({ ...c, key: `${c.word}|${c.district}` }));
}

/** The clusters' rule and window in words (shared/rules-text.ts), from the rules the server sends: "近3日 同区县同类 ≥5 件", "近3日". */
export function clusterRule(s: Snapshot | null): { caption: string; window: string } {
  return s?.rules ? { caption: clusterRuleShort(s.rules), window: clusterWindow(s.rules) } : { caption: '', window: '' };
}
