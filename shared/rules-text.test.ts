// The rules in words, checked against sentences written out by hand: the defaults of metrics.md,
// and a changed configuration whose every number must show up where its rule is stated.
import { describe, expect, it } from 'vitest';
import { defaultConfig } from './config.ts';
import {
  boardDefinitions,
  cardRuleLine,
  clusterRuleLine,
  clusterRuleShort,
  coPartText,
  DEPT_KIND_LABELS,
  EVENT_LABELS,
  levelConditions,
  levelLabel,
  levelName,
  numText,
  ratesBriefLine,
  ruleNumbers,
  scoreFormulaLine,
  shareText,
  supervisionLine,
  ticketColourHint,
  ticketColourLines,
  wallDefinitions,
  warningListTitle,
  whyText,
  type RuleNumbers,
} from './rules-text.ts';

const DEFAULTS = ruleNumbers(defaultConfig());

/** A configuration unlike the defaults in every number the words state. */
const CHANGED: RuleNumbers = {
  weights: { response: 0.25, onTime: 0.15, resolution: 0.35, satisfaction: 0.25 },
  scoreRed: 75,
  scoreYellow: 88.5,
  redTicketsRed: 4,
  redTicketsYellow: 2,
  urgentDueSoonShare: 0.3,
  urgentSignMinutes: 45,
  level3Days: 2,
  level4Days: 6,
  level5Days: 12,
  clusterMin: 6,
  clusterDays: 4,
};

describe('the rule numbers', () => {
  it('are the configuration’s weights and thresholds, the contract’s defaults by default', () => {
    expect(DEFAULTS).toEqual({
      weights: { response: 0.2, onTime: 0.2, resolution: 0.3, satisfaction: 0.3, coOnTime: 0.1 },
      scoreRed: 80,
      scoreYellow: 90,
      redTicketsRed: 3,
      redTicketsYellow: 1,
      urgentDueSoonShare: 0.25,
      urgentSignMinutes: 30,
      level3Days: 3,
      level4Days: 5,
      level5Days: 10,
      clusterMin: 5,
      clusterDays: 3,
    });
  });

  it('are written without binary noise', () => {
    expect(numText(0.1 + 0.2)).toBe('0.3');
    expect(numText(88.5)).toBe('88.5');
    expect(shareText(0.25)).toBe('25%');
    expect(shareText(0.3)).toBe('30%');
    expect(shareText(0.125)).toBe('12.5%');
  });
});

describe('the score, the rates, the card', () => {
  it('states the formula with the weights in force and their sum', () => {
    expect(scoreFormulaLine(DEFAULTS.weights)).toBe(
      '综合得分 = 100 × Σ(权重 × 比率) ÷ Σ权重，只计有数据的比率；权重：响应率 0.2、按时办结率 0.2、解决率 0.3、满意率 0.3、协办按时率 0.1（合计 1.1）。',
    );
    expect(scoreFormulaLine(CHANGED.weights)).toBe(
      '综合得分 = 100 × Σ(权重 × 比率) ÷ Σ权重，只计有数据的比率；权重：响应率 0.25、按时办结率 0.15、解决率 0.35、满意率 0.25（合计 1）。',
    );
  });

  it('names the fifth weight (协办按时率) once the configuration has it', () => {
    const w = { ...DEFAULTS.weights, coOnTime: 0.1 };
    expect(scoreFormulaLine(w)).toBe(
      '综合得分 = 100 × Σ(权重 × 比率) ÷ Σ权重，只计有数据的比率；权重：响应率 0.2、按时办结率 0.2、解决率 0.3、满意率 0.3、协办按时率 0.1（合计 1.1）。',
    );
    expect(ratesBriefLine(w)).toContain('；协办按时率 = 时限内协办答复 ÷ 结束的协办。');
    expect(boardDefinitions({ ...DEFAULTS, weights: w })).toContain(
      '协办按时率：统计期内结束的协办部分（撤销的不计）中，协办单位在协办时限内自行答复的比例；由主办单位答复而结束的算未按时。',
    );
  });

  it('states the unit card with the thresholds in force', () => {
    expect(cardRuleLine(DEFAULTS)).toBe(
      '单位亮牌：综合得分低于 80 或当前红牌工单 ≥ 3 件为红牌；低于 90 或当前红牌工单 ≥ 1 件为黄牌；其余为绿牌（红牌工单只在统计期含今天时计入；无得分时只看红牌工单）。',
    );
    expect(cardRuleLine(CHANGED)).toBe(
      '单位亮牌：综合得分低于 75 或当前红牌工单 ≥ 4 件为红牌；低于 88.5 或当前红牌工单 ≥ 2 件为黄牌；其余为绿牌（红牌工单只在统计期含今天时计入；无得分时只看红牌工单）。',
    );
  });

  it('gives the board every definition in order, and the wall the same sentences with the rates in one line', () => {
    expect(boardDefinitions(DEFAULTS)).toEqual([
      '综合得分 = 100 × Σ(权重 × 比率) ÷ Σ权重，只计有数据的比率；权重：响应率 0.2、按时办结率 0.2、解决率 0.3、满意率 0.3、协办按时率 0.1（合计 1.1）。',
      '响应率：统计期内的交办中，已签收、已退回或已过签收时限的，在签收时限内签收或退回的比例。',
      '按时办结率：统计期内的答复中，在办理时限（含延期）内答复的比例；逾期答复时若有协办部分在时限前已开始、到时限仍未结束，算按时（配合单位拖延的，不扣主办单位）。',
      '解决率：统计期内回访的平均得分（已解决 1，部分解决 0.5，未解决 0）。',
      '满意率：统计期内有评价的回访中，满意或基本满意的比例。',
      '协办按时率：统计期内结束的协办部分（撤销的不计）中，协办单位在协办时限内自行答复的比例；由主办单位答复而结束的算未按时。',
      '退单数：统计期内的退回次数；退单率 = 退单数 ÷ 交办量。列于得分旁，不计入综合得分（退回可能是对的）。',
      '排名：区县、市直部门、公共企事业单位分别排名，按综合得分（保留两位小数）降序，同分按交办量降序、再按单位编码；无得分的不排名。',
      '排名变化：与上一等长统计期比较，↑ 为名次上升、↓ 为名次下降；得分变化为本期得分减上期得分。',
      '单位亮牌：综合得分低于 80 或当前红牌工单 ≥ 3 件为红牌；低于 90 或当前红牌工单 ≥ 1 件为黄牌；其余为绿牌（红牌工单只在统计期含今天时计入；无得分时只看红牌工单）。',
      '比率以百分数保留一位小数，综合得分保留两位小数；“—”表示无数据（分母为 0）或无可比名次。',
    ]);
    const board = boardDefinitions(CHANGED);
    expect(wallDefinitions(CHANGED)).toEqual([
      board[0],
      board.find((l) => l.startsWith('单位亮牌')),
      board.find((l) => l.startsWith('排名：')),
      '响应率 = 时限内签收或退回 ÷ 应响应的交办；按时办结率 = 时限内答复 ÷ 答复；解决率 = 回访得分均值（已解决 1、部分解决 0.5、未解决 0）；满意率 = 满意和基本满意 ÷ 有评价的回访。',
    ]);
  });
});

describe('ticket colours and 五级督办', () => {
  it('states the colours with the urgent share and sign-for time in force', () => {
    expect(ticketColourLines(CHANGED)).toEqual([
      '工单红牌（超期）：已过办理时限（含延期）。',
      '工单黄牌（签收超时）：派单后过了签收时限仍未签收；派单未给签收时限的，普通件为下一个工作日同一时刻，紧急件为派单后 45 分钟。',
      '工单黄牌（临期）：普通件办理时限不晚于下一个工作日 24 时（剩一个工作日）；紧急件剩余时间不超过本次派单办理时长的 30%。',
      '工单黄牌（协办超时）：有协办单位的协办部分未完成且已过其协办时限。',
      '工单绿牌：其余已派单待签收、已签收办理中的工单；其他状态的工单不亮牌。',
    ]);
    expect(ticketColourHint(DEFAULTS)).toBe(
      '工单三色：红牌 = 已超过办理时限；黄牌 = 签收超时、临近时限（剩一个工作日，紧急件剩 25%）或协办超时',
    );
    expect(ticketColourHint(CHANGED)).toBe(
      '工单三色：红牌 = 已超过办理时限；黄牌 = 签收超时、临近时限（剩一个工作日，紧急件剩 30%）或协办超时',
    );
  });

  it('states the automatic levels with the overdue working days in force', () => {
    expect(supervisionLine(DEFAULTS)).toBe(
      '五级督办：黄牌工单自动 L1 提醒；红牌工单自动 L2 督办函，超期满 3 个工作日 L3 通报，满 5 个 L4 约谈，满 10 个 L5 移交纪检监察；领导人工督办取其最高等级，有效等级取自动与人工中较高者，未办结的工单按有效等级计数。',
    );
    expect(levelConditions(CHANGED)).toEqual({ 1: '黄牌工单', 2: '红牌工单', 3: '超期≥2工作日', 4: '超期≥6工作日', 5: '超期≥12工作日' });
    expect([levelName(4), levelName(0), levelLabel(3), levelLabel(0)]).toEqual(['约谈', '', '督办 L3', '']);
  });

  it('titles the warning lists by their reasons', () => {
    expect(warningListTitle('red')).toBe('红牌 · 超期');
    expect(warningListTitle('yellow', '预警')).toBe('黄牌预警 · 签收超时/临期/协办超时');
  });

  it('says why a ticket is red or yellow, with the urgent share in force', () => {
    const normal = { urgency: 'normal' as const, overdueDays: 0, hoursLate: 0 };
    expect(whyText('overdue', { ...normal, overdueDays: 3, hoursLate: 50 }, DEFAULTS)).toBe('已超过办理时限，超期 3 个工作日');
    expect(whyText('overdue', { ...normal, hoursLate: 0.2 }, DEFAULTS)).toBe('已超过办理时限 1 小时');
    expect(whyText('overdue', { ...normal, hoursLate: 5.6 }, DEFAULTS)).toBe('已超过办理时限 6 小时');
    expect(whyText('sign-overdue', normal, DEFAULTS)).toBe('派单后超过签收时限仍未签收');
    expect(whyText('due-soon', normal, DEFAULTS)).toBe('临近办理时限：下一个工作日结束前到期');
    expect(whyText('due-soon', { ...normal, urgency: 'urgent' }, CHANGED)).toBe('临近办理时限：紧急件剩余时间不超过办理时长的 30%');
    expect(whyText('co-overdue', normal, DEFAULTS)).toBe('协办单位超过协办时限仍未完成其协办部分');
    expect(whyText(null, normal, DEFAULTS)).toBeNull();
  });
});

describe('names and the other rules', () => {
  it('has one name per unit kind and a word for every ticket event', () => {
    expect(DEPT_KIND_LABELS).toEqual({ county: '区县', department: '市直部门', enterprise: '公共企事业单位' });
    expect(EVENT_LABELS['ticket.closed']).toBe('办结');
    expect(EVENT_LABELS['ticket.coassigned']).toBe('协办派单');
  });

  it('states the clusters’ rule with the window and minimum in force', () => {
    expect(clusterRuleLine(CHANGED)).toBe('解决一类事：近4日（含今天）同一区县标题含同一关键词的工单 ≥ 6 件（不含举报件）。');
    expect(clusterRuleShort(DEFAULTS)).toBe('近3日 同区县同类 ≥5 件');
  });
});

describe('a co-handling part in words', () => {
  const due = '2026-03-18T17:00:00+08:00';
  const at = (iso: string) => Date.parse(iso);
  it('reads open, late, done on time or late, ended by the lead, dropped by a return or a reopen', () => {
    const open = { state: 'open', dueAt: due, endedBy: null, onTime: null } as const;
    expect(coPartText(open, at('2026-03-18T17:00:00+08:00'))).toBe('协办中');
    expect(coPartText(open, at('2026-03-18T17:00:01+08:00'))).toBe('协办超时');
    expect(coPartText({ state: 'done', dueAt: due, endedBy: 'ticket.coreplied', onTime: true }, 0)).toBe('协办答复（按时）');
    expect(coPartText({ state: 'done', dueAt: due, endedBy: 'ticket.coreplied', onTime: false }, 0)).toBe('协办答复（超时）');
    expect(coPartText({ state: 'done', dueAt: due, endedBy: 'ticket.replied', onTime: false }, 0)).toBe(
      '随主办单位答复结束（未协办答复，算超时）',
    );
    expect(coPartText({ state: 'dropped', dueAt: due, endedBy: 'ticket.returned', onTime: null }, 0)).toBe('已撤销（工单退回）');
    expect(coPartText({ state: 'dropped', dueAt: due, endedBy: 'ticket.reopened', onTime: null }, 0)).toBe('已撤销（工单重启）');
  });
});
