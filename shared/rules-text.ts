// The rules in words (口径), in one place: the names of the contract's enumerations and every sentence
// that states a rule (ticket colours and their reasons, 五级督办 and its thresholds, the score formula
// with its weights, the unit card, the rates, 直答直办, 解决一类事, the ticket detail's why), written
// from the numbers actually configured (snapshot.rules, or the config on the server). The wall, the
// leader's page, the ranking board, its CSV/XLSX exports and the core's ticket detail all import this
// module, so none of them words a rule of its own. Pure: no I/O, types only from the contract.
//
// Co-handling (协办, metrics.md) is in it: the co-overdue reason, the co- events, the fifth weight
// (coOnTime), coOnTimeRate, 退单数 and returnRate.
import type { Channel, DeptKind, Resolved, Satisfaction, TicketEvent, TicketKind, TicketState, Urgency } from './contract/events.ts';
import type { CoHandler, Colour, WarningReason } from './contract/snapshot.ts';
import { unhandled } from './exhaustive.ts';

// --- names: one word per thing ----------------------------------------------------------------

export const CHANNEL_LABELS: Record<Channel, string> = {
  phone: '电话',
  web: '网站',
  wechat: '微信',
  app: '客户端',
  other: '其他',
};

/** Ticket kinds (诉求类型). */
export const KIND_LABELS: Record<TicketKind, string> = {
  consult: '咨询',
  help: '求助',
  complaint: '投诉',
  suggestion: '建议',
  report: '举报',
  praise: '表扬',
  other: '其他',
};

/** Unit kinds (分级分类), each ranked on its own. */
export const DEPT_KIND_LABELS: Record<DeptKind, string> = {
  county: '区县',
  department: '市直部门',
  enterprise: '公共企事业单位',
};

export const URGENCY_LABELS: Record<Urgency, string> = { normal: '普通', urgent: '紧急' };

export const STATE_LABELS: Record<TicketState, string> = {
  new: '待派单',
  assigned: '已派单待签收',
  signed: '已签收办理中',
  replied: '已答复待回访',
  closed: '已办结',
};

/** A ticket event on the leader's timeline. The co- types are named ahead of the contract (协办). */
export const EVENT_LABELS: Record<TicketEvent['type'], string> = {
  'ticket.created': '受理',
  'ticket.assigned': '派单',
  'ticket.signed': '签收',
  'ticket.returned': '退回',
  'ticket.extended': '延期',
  'ticket.replied': '答复',
  'ticket.visited': '回访',
  'ticket.closed': '办结',
  'ticket.reopened': '重启',
  'ticket.supervised': '督办',
  'ticket.coassigned': '协办派单',
  'ticket.coreplied': '协办答复',
};

/** The two roles of a department on a co-handled ticket (events.md: the ticket's department is its lead). */
export const CO_ROLE_LABELS = { lead: '主办单位', co: '协办单位' } as const;

/** A co-handling part's state (the ticket detail's coHandlers). */
export const CO_PART_STATE_LABELS: Record<CoHandler['state'], string> = { open: '协办中', done: '已结束', dropped: '已撤销' };

/**
 * How one part stands, in a few words: open (协办中, or 协办超时 once `nowMs` is past its deadline),
 * done by its own co-reply (按时 or 超时), ended by the lead's reply (counted late), or dropped by a
 * return or a reopen.
 */
export function coPartText(c: Pick<CoHandler, 'state' | 'dueAt' | 'endedBy' | 'onTime'>, nowMs: number): string {
  switch (c.state) {
    case 'open':
      return nowMs > Date.parse(c.dueAt) ? REASON_LABELS['co-overdue'] : CO_PART_STATE_LABELS.open;
    case 'done':
      if (c.endedBy === 'ticket.replied')
        return `随${CO_ROLE_LABELS.lead}${EVENT_LABELS['ticket.replied']}结束（未${EVENT_LABELS['ticket.coreplied']}，算超时）`;
      return `${EVENT_LABELS['ticket.coreplied']}${c.onTime ? '（按时）' : '（超时）'}`;
    case 'dropped':
      return `${CO_PART_STATE_LABELS.dropped}（工单${c.endedBy === 'ticket.reopened' ? EVENT_LABELS['ticket.reopened'] : EVENT_LABELS['ticket.returned']}）`;
    default:
      return unhandled(c.state, 'co-handling part state');
  }
}

export const RESOLVED_LABELS: Record<Resolved, string> = { yes: '已解决', partly: '部分解决', no: '未解决' };
export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basic: '基本满意',
  dissatisfied: '不满意',
  none: '未评价',
};

/** Warning colours (三色亮牌), of a ticket and of a unit. */
export const CARD_LABELS: Record<Colour, string> = { red: '红牌', yellow: '黄牌', green: '绿牌' };
/** The same, one character, for a table cell (红/黄/绿). */
export const CARD_WORDS: Record<Colour, string> = { red: '红', yellow: '黄', green: '绿' };

/** Why a ticket is red or yellow. */
export const REASON_LABELS: Record<WarningReason, string> = {
  overdue: '超期',
  'sign-overdue': '签收超时',
  'due-soon': '临期',
  'co-overdue': '协办超时',
};

/** The reasons of each warning colour, in the order they are tried (colour.ts). */
export const COLOUR_REASONS: { red: readonly WarningReason[]; yellow: readonly WarningReason[] } = {
  red: ['overdue'],
  yellow: ['sign-overdue', 'due-soon', 'co-overdue'],
};

/** A warning list's title: "红牌 · 超期", "黄牌 · 签收超时/临期"; the wall adds 预警 ("红牌预警 · 超期"). */
export function warningListTitle(colour: 'red' | 'yellow', noun = ''): string {
  return `${CARD_LABELS[colour]}${noun} · ${colourReasonsText(colour)}`;
}

/** A colour's reasons, in the order they are tried: "签收超时/临期/协办超时". */
export function colourReasonsText(colour: 'red' | 'yellow'): string {
  return COLOUR_REASONS[colour].map((r) => REASON_LABELS[r]).join('/');
}

/** 五级督办. */
export const SUPERVISION_LEVELS = [
  { level: 1, name: '提醒' },
  { level: 2, name: '督办函' },
  { level: 3, name: '通报' },
  { level: 4, name: '约谈' },
  { level: 5, name: '移交纪检监察' },
] as const;

/** A level's name, '' for 0 or an unknown level. */
export function levelName(level: number): string {
  return SUPERVISION_LEVELS.find((l) => l.level === level)?.name ?? '';
}

/** The short tag of a level on a warning row: "督办 L3"; '' for 0. */
export function levelLabel(level: number): string {
  return level > 0 ? `督办 L${level}` : '';
}

/** The rates of a unit (三率 and more). coOnTimeRate and returnRate are co-handling's (metrics.md). */
export type RateKey = 'responseRate' | 'onTimeRate' | 'resolutionRate' | 'satisfactionRate' | 'coOnTimeRate' | 'returnRate';

export const RATE_NAMES: Record<RateKey, string> = {
  responseRate: '响应率',
  onTimeRate: '按时办结率',
  resolutionRate: '解决率',
  satisfactionRate: '满意率',
  coOnTimeRate: '协办按时率',
  returnRate: '退单率',
};

/** The same, for a narrow column head on the wall. */
export const RATE_SHORT: Record<RateKey, string> = {
  responseRate: '响应',
  onTimeRate: '按时',
  resolutionRate: '解决',
  satisfactionRate: '满意',
  coOnTimeRate: '协办',
  returnRate: '退单',
};

/** A unit's other figures, as a table heads them. */
export const FIGURE_NAMES = {
  kind: '类别',
  rank: '排名',
  name: '单位',
  id: '单位编码',
  assigned: '交办量',
  score: '综合得分',
  card: '亮牌',
  redNow: '当前红牌工单',
  returned: '退单数',
} as const;

// --- the numbers the sentences are written from ------------------------------------------------

/** The score's weights; coOnTime (协办按时率) is the fifth once the configuration has it. */
export interface ScoreWeights {
  response: number;
  onTime: number;
  resolution: number;
  satisfaction: number;
  coOnTime?: number;
}

export interface CardThresholds {
  scoreRed: number;
  scoreYellow: number;
  redTicketsRed: number;
  redTicketsYellow: number;
}

export interface TicketThresholds {
  /** Urgent tickets turn yellow when this share of the handling time is left. */
  urgentDueSoonShare: number;
  /** Default sign-for time of urgent tickets, minutes. */
  urgentSignMinutes: number;
}

export interface LevelThresholds {
  level3Days: number;
  level4Days: number;
  level5Days: number;
}

export interface ClusterThresholds {
  clusterMin: number;
  clusterDays: number;
}

/** Every number a sentence here needs: what snapshot.rules carries besides the clock. */
export type RuleNumbers<W extends ScoreWeights = ScoreWeights> = { weights: W } & CardThresholds &
  TicketThresholds &
  LevelThresholds &
  ClusterThresholds;

/** The rule numbers of a configuration (shared/config.ts's weights and thresholds). */
export function ruleNumbers<W extends ScoreWeights>(c: {
  weights: W;
  thresholds: CardThresholds & TicketThresholds & LevelThresholds & ClusterThresholds;
}): RuleNumbers<W> {
  const t = c.thresholds;
  return {
    weights: { ...c.weights },
    scoreRed: t.scoreRed,
    scoreYellow: t.scoreYellow,
    redTicketsRed: t.redTicketsRed,
    redTicketsYellow: t.redTicketsYellow,
    urgentDueSoonShare: t.urgentDueSoonShare,
    urgentSignMinutes: t.urgentSignMinutes,
    level3Days: t.level3Days,
    level4Days: t.level4Days,
    level5Days: t.level5Days,
    clusterMin: t.clusterMin,
    clusterDays: t.clusterDays,
  };
}

/** A configured number as written: binary noise removed (0.1 + 0.2 → "0.3"). */
export function numText(x: number): string {
  return String(Number(x.toPrecision(12)));
}

/** A share 0..1 as a percentage: 0.25 → "25%", 0.125 → "12.5%". */
export function shareText(share: number): string {
  return `${numText(share * 100)}%`;
}

// --- tickets: colours, reasons, supervision ----------------------------------------------------

/** The yellow reason co-handling adds (metrics.md). */
export const CO_OVERDUE_LINE = `工单${CARD_LABELS.yellow}（${REASON_LABELS['co-overdue']}）：有协办单位的协办部分未完成且已过其协办时限。`;

/** Ticket colours (三色亮牌, ticket level), one sentence each: red, the yellow reasons, green. */
export function ticketColourLines(r: TicketThresholds): string[] {
  return [
    `工单${CARD_LABELS.red}（${REASON_LABELS.overdue}）：已过办理时限（含延期）。`,
    `工单${CARD_LABELS.yellow}（${REASON_LABELS['sign-overdue']}）：派单后过了签收时限仍未签收；派单未给签收时限的，普通件为下一个工作日同一时刻，紧急件为派单后 ${numText(r.urgentSignMinutes)} 分钟。`,
    `工单${CARD_LABELS.yellow}（${REASON_LABELS['due-soon']}）：普通件办理时限不晚于下一个工作日 24 时（剩一个工作日）；紧急件剩余时间不超过本次派单办理时长的 ${shareText(r.urgentDueSoonShare)}。`,
    CO_OVERDUE_LINE,
    `工单${CARD_LABELS.green}：其余${STATE_LABELS.assigned}、${STATE_LABELS.signed}的工单；其他状态的工单不亮牌。`,
  ];
}

/** The wall's one-line reminder of the ticket colours (its footer). */
export function ticketColourHint(r: TicketThresholds): string {
  return `工单三色：${CARD_LABELS.red} = 已超过办理时限；${CARD_LABELS.yellow} = 签收超时、临近时限（剩一个工作日，紧急件剩 ${shareText(r.urgentDueSoonShare)}）或协办超时`;
}

/** What turns each level on by itself (自动督办), as a short tag beside the level: "超期≥3工作日". */
export function levelConditions(r: LevelThresholds): Record<1 | 2 | 3 | 4 | 5, string> {
  return {
    1: `${CARD_LABELS.yellow}工单`,
    2: `${CARD_LABELS.red}工单`,
    3: `超期≥${r.level3Days}工作日`,
    4: `超期≥${r.level4Days}工作日`,
    5: `超期≥${r.level5Days}工作日`,
  };
}

/** 五级督办 in one sentence: the automatic levels, the manual one, the effective one. */
export function supervisionLine(r: LevelThresholds): string {
  const [l1, l2, l3, l4, l5] = SUPERVISION_LEVELS;
  return (
    `五级督办：${CARD_LABELS.yellow}工单自动 L1 ${l1.name}；${CARD_LABELS.red}工单自动 L2 ${l2.name}，` +
    `超期满 ${r.level3Days} 个工作日 L3 ${l3.name}，满 ${r.level4Days} 个 L4 ${l4.name}，满 ${r.level5Days} 个 L5 ${l5.name}；` +
    '领导人工督办取其最高等级，有效等级取自动与人工中较高者，未办结的工单按有效等级计数。'
  );
}

/** What the ticket detail's why needs to know about one ticket. */
export interface WhyFacts {
  urgency: Urgency;
  /** Working days after the local date of dueAt, up to and including today. */
  overdueDays: number;
  /** Hours since dueAt (when red). */
  hoursLate: number;
}

/** The ticket detail's `why`, for a leader: "已超过办理时限，超期 3 个工作日"; null without a reason. */
export function whyText(reason: WarningReason | null, f: WhyFacts, r: TicketThresholds): string | null {
  if (reason === null) return null;
  switch (reason) {
    case 'overdue':
      return f.overdueDays > 0
        ? `已超过办理时限，超期 ${f.overdueDays} 个工作日`
        : `已超过办理时限 ${Math.max(1, Math.round(f.hoursLate))} 小时`;
    case 'sign-overdue':
      return '派单后超过签收时限仍未签收';
    case 'due-soon':
      return f.urgency === 'urgent'
        ? `临近办理时限：紧急件剩余时间不超过办理时长的 ${shareText(r.urgentDueSoonShare)}`
        : '临近办理时限：下一个工作日结束前到期';
    case 'co-overdue':
      return '协办单位超过协办时限仍未完成其协办部分';
    default:
      return unhandled(reason, 'warning reason');
  }
}

// --- units: the score, the rates, the card, the ranking ----------------------------------------

const WEIGHT_RATES: Record<keyof ScoreWeights, RateKey> = {
  response: 'responseRate',
  onTime: 'onTimeRate',
  resolution: 'resolutionRate',
  satisfaction: 'satisfactionRate',
  coOnTime: 'coOnTimeRate',
};

/** The score's formula with the weights in force (the fifth, coOnTime, when configured). */
export function scoreFormulaLine(w: ScoreWeights): string {
  const keys = (['response', 'onTime', 'resolution', 'satisfaction', 'coOnTime'] as const).filter((k) => w[k] !== undefined);
  const sum = keys.reduce((a, k) => a + w[k]!, 0);
  const each = keys.map((k) => `${RATE_NAMES[WEIGHT_RATES[k]]} ${numText(w[k]!)}`).join('、');
  return `${FIGURE_NAMES.score} = 100 × Σ(权重 × 比率) ÷ Σ权重，只计有数据的比率；权重：${each}（合计 ${numText(sum)}）。`;
}

/** The clause co-handling adds to 按时办结率 (配合单位拖延的，不扣主办单位, metrics.md). */
const CO_ON_TIME_CLAUSE = '逾期答复时若有协办部分在时限前已开始、到时限仍未结束，算按时（配合单位拖延的，不扣主办单位）。';

/** Each rate's definition, in the contract's words (metrics.md). */
export const RATE_DEFINITIONS: Record<RateKey, string> = {
  responseRate: `${RATE_NAMES.responseRate}：统计期内的交办中，已签收、已退回或已过签收时限的，在签收时限内签收或退回的比例。`,
  onTimeRate: `${RATE_NAMES.onTimeRate}：统计期内的答复中，在办理时限（含延期）内答复的比例；${CO_ON_TIME_CLAUSE}`,
  resolutionRate: `${RATE_NAMES.resolutionRate}：统计期内回访的平均得分（${RESOLVED_LABELS.yes} 1，${RESOLVED_LABELS.partly} 0.5，${RESOLVED_LABELS.no} 0）。`,
  satisfactionRate: `${RATE_NAMES.satisfactionRate}：统计期内有评价的回访中，${SATISFACTION_LABELS.satisfied}或${SATISFACTION_LABELS.basic}的比例。`,
  coOnTimeRate: `${RATE_NAMES.coOnTimeRate}：统计期内结束的协办部分（撤销的不计）中，协办单位在协办时限内自行答复的比例；由主办单位答复而结束的算未按时。`,
  returnRate: `${FIGURE_NAMES.returned}：统计期内的退回次数；${RATE_NAMES.returnRate} = ${FIGURE_NAMES.returned} ÷ ${FIGURE_NAMES.assigned}。列于得分旁，不计入${FIGURE_NAMES.score}（退回可能是对的）。`,
};

/** The rates the score is made of, in the order of the weights. */
export function scoreRateKeys(w: ScoreWeights): RateKey[] {
  return (['response', 'onTime', 'resolution', 'satisfaction', 'coOnTime'] as const)
    .filter((k) => w[k] !== undefined)
    .map((k) => WEIGHT_RATES[k]);
}

/** The rates in one line, for the wall where room is short. */
export function ratesBriefLine(w: ScoreWeights): string {
  const brief: Record<RateKey, string> = {
    responseRate: `${RATE_NAMES.responseRate} = 时限内签收或退回 ÷ 应响应的交办`,
    onTimeRate: `${RATE_NAMES.onTimeRate} = 时限内答复 ÷ 答复`,
    resolutionRate: `${RATE_NAMES.resolutionRate} = 回访得分均值（${RESOLVED_LABELS.yes} 1、${RESOLVED_LABELS.partly} 0.5、${RESOLVED_LABELS.no} 0）`,
    satisfactionRate: `${RATE_NAMES.satisfactionRate} = ${SATISFACTION_LABELS.satisfied}和${SATISFACTION_LABELS.basic} ÷ 有评价的回访`,
    coOnTimeRate: `${RATE_NAMES.coOnTimeRate} = 时限内协办答复 ÷ 结束的协办`,
    returnRate: `${RATE_NAMES.returnRate} = ${FIGURE_NAMES.returned} ÷ ${FIGURE_NAMES.assigned}`,
  };
  return `${scoreRateKeys(w)
    .map((k) => brief[k])
    .join('；')}。`;
}

/** The unit card (三色亮牌, unit level) with the thresholds in force. */
export function cardRuleLine(r: CardThresholds): string {
  return (
    `单位亮牌：${FIGURE_NAMES.score}低于 ${numText(r.scoreRed)} 或${FIGURE_NAMES.redNow} ≥ ${r.redTicketsRed} 件为${CARD_LABELS.red}；` +
    `低于 ${numText(r.scoreYellow)} 或${FIGURE_NAMES.redNow} ≥ ${r.redTicketsYellow} 件为${CARD_LABELS.yellow}；其余为${CARD_LABELS.green}` +
    `（红牌工单只在统计期含今天时计入；无得分时只看红牌工单）。`
  );
}

/** How units are ranked (分级分类). */
export const RANKING_LINE =
  `${FIGURE_NAMES.rank}：${Object.values(DEPT_KIND_LABELS).join('、')}分别排名，按${FIGURE_NAMES.score}（保留两位小数）降序，` +
  `同分按${FIGURE_NAMES.assigned}降序、再按${FIGURE_NAMES.id}；无得分的不排名。`;

/** How a period compares with the one before (the ranking board). */
export const RANK_CHANGE_LINE = '排名变化：与上一等长统计期比较，↑ 为名次上升、↓ 为名次下降；得分变化为本期得分减上期得分。';

/** How figures are rounded on the board and in the exports. */
export const ROUNDING_LINE = `比率以百分数保留一位小数，${FIGURE_NAMES.score}保留两位小数；“—”表示无数据（分母为 0）或无可比名次。`;

/** The ranking board's definitions (口径说明): the page, its printout and the XLSX sheet. */
export function boardDefinitions(r: RuleNumbers): string[] {
  return [
    scoreFormulaLine(r.weights),
    ...scoreRateKeys(r.weights).map((k) => RATE_DEFINITIONS[k]),
    RATE_DEFINITIONS.returnRate,
    RANKING_LINE,
    RANK_CHANGE_LINE,
    cardRuleLine(r),
    ROUNDING_LINE,
  ];
}

/** The wall's definitions (口径说明) under the rankings: the same sentences, the rates in one line. */
export function wallDefinitions(r: RuleNumbers): string[] {
  return [scoreFormulaLine(r.weights), cardRuleLine(r), RANKING_LINE, ratesBriefLine(r.weights)];
}

// --- the day's figures and 解决一类事 ----------------------------------------------------------

/** A close with `direct: true`. */
export const DIRECT_NAME = '直答直办';

/** 直答直办 and 直办率. */
export const DIRECT_LINE = `${DIRECT_NAME}：热线受理后不派单、直接答复办结的工单；直办率 = 今日${DIRECT_NAME}件数 ÷ 今日受理件数。`;

/** The same, short, for the wall's footer. */
export const DIRECT_HINT = `直办率 = 今日${DIRECT_NAME} ÷ 今日受理`;

/** The clusters' window: "近3日". */
export function clusterWindow(r: Pick<ClusterThresholds, 'clusterDays'>): string {
  return `近${r.clusterDays}日`;
}

/** What makes a 解决一类事 cluster. */
export function clusterCondition(r: ClusterThresholds): string {
  return `${clusterWindow(r)}（含今天）同一区县标题含同一关键词的工单 ≥ ${r.clusterMin} 件（不含${KIND_LABELS.report}件）`;
}

/** 解决一类事's rule in a sentence. */
export function clusterRuleLine(r: ClusterThresholds): string {
  return `解决一类事：${clusterCondition(r)}。`;
}

/** The same, as a panel's short caption: "近3日 同区县同类 ≥5 件". */
export function clusterRuleShort(r: ClusterThresholds): string {
  return `${clusterWindow(r)} 同区县同类 ≥${r.clusterMin} 件`;
}

/** Everything a leader may want to read about the rules (the leader page's 口径说明). */
export function leaderDefinitions(r: RuleNumbers): string[] {
  return [...ticketColourLines(r), supervisionLine(r), clusterRuleLine(r), DIRECT_LINE, scoreFormulaLine(r.weights), cardRuleLine(r)];
}
