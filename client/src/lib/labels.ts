// Words shown on screen for the contract's enumerations (one place, reused by every view).
import type { Channel, DeptKind, TicketKind } from '@shared/contract/events.ts';
import type { Colour, WarningReason } from '@shared/contract/snapshot.ts';

export const CHANNEL_LABELS: Record<Channel, string> = {
  phone: '电话',
  web: '网站',
  wechat: '微信',
  app: '客户端',
  other: '其他',
};

export const KIND_LABELS: Record<TicketKind, string> = {
  consult: '咨询',
  help: '求助',
  complaint: '投诉',
  suggestion: '建议',
  report: '举报',
  praise: '表扬',
  other: '其他',
};

export const DEPT_KIND_LABELS: Record<DeptKind, string> = {
  county: '区县',
  department: '市直部门',
  enterprise: '公共企事业',
};

/** Ticket warning colours (三色亮牌). */
export const CARD_LABELS: Record<Colour, string> = { red: '红牌', yellow: '黄牌', green: '绿牌' };

export const REASON_LABELS: Record<WarningReason, string> = {
  overdue: '超期',
  'sign-overdue': '签收超时',
  'due-soon': '临期',
};

/** 五级督办. */
export const SUPERVISION_LEVELS = [
  { level: 1, name: '提醒' },
  { level: 2, name: '督办函' },
  { level: 3, name: '通报' },
  { level: 4, name: '约谈' },
  { level: 5, name: '移交纪检监察' },
] as const;

export function levelLabel(level: number): string {
  return level > 0 ? `督办 L${level}` : '';
}
