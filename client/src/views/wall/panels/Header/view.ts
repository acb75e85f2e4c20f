// The header's view of the snapshot: the KPI tiles, pure (tested without a DOM).
import type { Snapshot } from '@shared/contract/snapshot.ts';
import { directRate, fmtInt, fmtPct } from '../../../../lib/format.ts';

export interface KpiSub {
  label: string;
  value: number | null;
  text: string;
  testid: string;
}

export interface Kpi {
  key: string;
  label: string;
  /** The figure's test id (data-testid) and raw value (data-value). */
  testid: string;
  value: number | null;
  text: string;
  unit: string;
  tone: 'normal' | 'red' | 'accent' | 'green';
  sub: KpiSub[];
}

const sum = (a: number[] | undefined) => (a ?? []).reduce((x, y) => x + (Number.isFinite(y) ? y : 0), 0);

export function headerKpis(s: Snapshot | null): Kpi[] {
  const t = s?.today;
  const c = s?.calls;
  const direct = t ? directRate(t.direct, t.created) : null;
  const yCreated = s ? sum(s.hourly?.yesterday?.created) : null;
  const high = s ? s.supervision['4'] + s.supervision['5'] : null;
  const idle = c && c.agentsOnline !== null && c.agentsBusy !== null ? Math.max(0, c.agentsOnline - c.agentsBusy) : null;
  const int = (label: string, value: number | null | undefined, testid: string): KpiSub => ({
    label,
    value: value ?? null,
    text: fmtInt(value),
    testid,
  });
  return [
    {
      key: 'created',
      label: '今日受理',
      testid: 'today-created',
      value: t?.created ?? null,
      text: fmtInt(t?.created),
      unit: '件',
      tone: 'accent',
      sub: [int('昨日全天', yCreated, 'yesterday-created')],
    },
    {
      key: 'dispatched',
      label: '今日派单',
      testid: 'today-dispatched',
      value: t?.dispatched ?? null,
      text: fmtInt(t?.dispatched),
      unit: '件',
      tone: 'normal',
      sub: [],
    },
    {
      key: 'closed',
      label: '今日办结',
      testid: 'today-closed',
      value: t?.closed ?? null,
      text: fmtInt(t?.closed),
      unit: '件',
      tone: 'green',
      sub: [int('其中直办', t?.direct, 'today-direct')],
    },
    {
      key: 'direct-rate',
      label: '直办率',
      testid: 'direct-rate',
      value: direct,
      text: fmtPct(direct).replace('%', ''),
      unit: direct === null ? '' : '%',
      tone: 'normal',
      sub: [],
    },
    {
      key: 'open',
      label: '在办工单',
      testid: 'open',
      value: s?.open ?? null,
      text: fmtInt(s?.open),
      unit: '件',
      tone: 'normal',
      sub: [int('黄牌', s?.warnings.yellowCount, 'kpi-yellow-count')],
    },
    {
      key: 'overdue',
      label: '超期工单',
      testid: 'overdue',
      value: s?.overdue ?? null,
      text: fmtInt(s?.overdue),
      unit: '件',
      tone: s && s.overdue > 0 ? 'red' : 'normal',
      sub: [int('督办L4+', high, 'kpi-high-level')],
    },
    {
      key: 'answer-rate',
      label: '电话接通率',
      testid: 'calls-answer-rate',
      value: c?.answerRate ?? null,
      text: fmtPct(c?.answerRate).replace('%', ''),
      unit: c?.answerRate === null || c?.answerRate === undefined ? '' : '%',
      tone: 'normal',
      sub: [
        int('呼入', c?.offered, 'calls-offered'),
        int('接通', c?.answered, 'calls-answered'),
        int('放弃', c?.abandoned, 'calls-abandoned'),
      ],
    },
    {
      key: 'agents',
      label: '坐席在线',
      testid: 'agents-online',
      value: c?.agentsOnline ?? null,
      text: fmtInt(c?.agentsOnline),
      unit: '人',
      tone: 'normal',
      sub: [int('忙碌', c?.agentsBusy, 'agents-busy'), int('空闲', idle, 'agents-idle')],
    },
  ];
}
