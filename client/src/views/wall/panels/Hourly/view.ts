// The hourly chart's option: today vs yesterday, created and closed, 24 points each (bounded).
// Today's hours after the current one are left empty rather than drawn as zeros.
import type { Snapshot } from '@shared/contract/snapshot.ts';
import type { EChartsCoreOption } from '../../../../charts/echarts.ts';
import { C, chartText, FONT_FAMILY } from '../../../../charts/theme.ts';

export const HOURS = 24;

/** Exactly 24 numbers (missing → 0; extra dropped). */
export function fix24(a: number[] | undefined): number[] {
  return Array.from({ length: HOURS }, (_, h) => (Number.isFinite(a?.[h]) ? (a![h] as number) : 0));
}

/** Today's series up to the current hour, null after it. */
export function upToHour(a: number[] | undefined, hour: number | null): (number | null)[] {
  const v = fix24(a);
  return hour === null ? v : v.map((x, h) => (h <= hour ? x : null));
}

/** `compact`: a narrow panel (the wall's centre row of three): legend on two lines, thin bars. */
export function hourlyOption(s: Snapshot | null, currentHour: number | null, compact = false): EChartsCoreOption {
  const hours = Array.from({ length: HOURS }, (_, h) => `${h}`);
  const t = s?.hourly.today;
  const y = s?.hourly.yesterday;
  const axisLabel = { color: C.textDim, fontSize: 15, fontFamily: FONT_FAMILY };
  return {
    backgroundColor: 'transparent',
    textStyle: chartText,
    animationDuration: 400,
    // No update transitions: on a wall updated every half second they would redraw the canvas every frame.
    animationDurationUpdate: 0,
    grid: compact ? { left: 44, right: 10, top: 62, bottom: 30 } : { left: 48, right: 14, top: 44, bottom: 30 },
    legend: {
      top: 4,
      left: 8,
      right: 8,
      itemWidth: 18,
      itemHeight: 10,
      itemGap: compact ? 12 : 16,
      textStyle: { color: C.textDim, fontSize: 15, fontFamily: FONT_FAMILY },
      data: ['今日受理', '今日办结', '昨日受理', '昨日办结'],
    },
    xAxis: {
      type: 'category',
      data: hours,
      axisLine: { lineStyle: { color: C.border } },
      axisTick: { show: false },
      axisLabel: { ...axisLabel, interval: compact ? 5 : 2, formatter: (v: string) => `${v}时` },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      splitNumber: 4,
      axisLabel,
      splitLine: { lineStyle: { color: C.grid } },
    },
    series: [
      {
        id: 'today-created',
        name: '今日受理',
        type: 'bar',
        barWidth: compact ? 3 : 7,
        barGap: '20%',
        itemStyle: { color: C.accent, borderRadius: [2, 2, 0, 0] },
        data: upToHour(t?.created, currentHour),
      },
      {
        id: 'today-closed',
        name: '今日办结',
        type: 'bar',
        barWidth: compact ? 3 : 7,
        itemStyle: { color: C.green, borderRadius: [2, 2, 0, 0] },
        data: upToHour(t?.closed, currentHour),
      },
      {
        id: 'yesterday-created',
        name: '昨日受理',
        type: 'line',
        smooth: true,
        symbol: 'none',
        lineStyle: { color: '#9fb7d9', width: 2, type: 'dashed' },
        itemStyle: { color: '#9fb7d9' },
        data: fix24(y?.created),
      },
      {
        id: 'yesterday-closed',
        name: '昨日办结',
        type: 'line',
        smooth: true,
        symbol: 'none',
        lineStyle: { color: '#5f8f7a', width: 2, type: 'dotted' },
        itemStyle: { color: '#5f8f7a' },
        data: fix24(y?.closed),
      },
    ],
  };
}
