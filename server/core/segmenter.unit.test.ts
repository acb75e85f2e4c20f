// The server's segmenter (jieba) through the core's keyword rules: what the hot topics see of real
// titles.
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../shared/config.ts';
import { buildSnapshot, createRules, maskText, titleKeywords } from '../../shared/domain/index.ts';
import { Feed, ms } from '../../shared/domain/test/build.ts';
import { createSegmenter, isContentWord } from './segmenter.ts';

const segment = createSegmenter();
const keywords = (title: string) => titleKeywords(segment, maskText(title));

describe('the jieba segmenter', () => {
  it('finds what a heating complaint is about, without the compound', () => {
    const words = keywords('青云小区暖气不热');
    expect(words.some((w) => w === '暖气' || w === '不热')).toBe(true);
    expect(words).not.toContain('小区');
    expect(words).not.toContain('青云小区');
  });

  it('takes no digits from a masked phone or ID number, nor the words around them', () => {
    const title = '天外村小区3号楼暖气不热（联系电话13812345678，身份证号370902198505125119）';
    expect(maskText(title)).toContain('138****5678');
    const words = keywords(title);
    expect(words.length).toBeGreaterThan(0);
    for (const w of words) expect(w).not.toMatch(/[\d*]/);
    expect(words).not.toContain('联系电话');
  });

  it('leaves out place names, which sit in one district by nature', () => {
    const words = keywords('泰山区东岳大街与灵山大街交叉口路面塌陷');
    expect(words).toContain('塌陷');
    expect(words).not.toContain('泰山区');
    expect(words).not.toContain('东岳');
  });

  it('gives the same words every time and for every caller (replays agree with the server)', () => {
    const again = createSegmenter();
    const title = '网约车司机中途甩客';
    expect(again(title)).toEqual(segment(title));
    // 网约车 and 甩客 are not in the dictionary (HMM finds them); 中途 is a modifier (b), left out.
    expect(keywords(title)).toEqual(['网约车', '司机', '甩客']);
  });
});

describe('no personal name as a hot word', () => {
  // Real-looking titles with the caller's or someone's name, and how jieba cuts each name:
  // whole and known (nr), unknown (x, found by HMM), or split into a surname and a word.
  const titles: Array<[string, string, string[]]> = [
    ['王晓翠反映小区暖气不热', '王晓翠', ['暖气', '不热']], // 王晓翠/x
    ['张伟投诉噪音扰民', '张伟', ['噪音', '扰民']], // 张伟/x
    ['市民刘建国来电反映路灯不亮', '刘建国', ['灯不亮']], // 刘建国/nr
    ['欧阳娜娜反映物业不作为', '欧阳娜娜', ['物业']], // 欧阳/ns 娜娜/nrt
    ['赵敏来电咨询社保卡办理', '赵敏', ['社保卡', '办理']], // 赵敏/x
    ['邱桂英咨询医保报销', '邱桂英', ['医保', '报销']], // 邱桂英/x
    ['胡建军投诉物业乱收费', '建军', ['物业', '乱收费']], // 胡/nr 建军/n
    ['宋建华来电反映小区电梯故障', '建华', ['电梯', '故障']], // 宋/nr 建华/nz
    ['马建平反映邻居装修噪音', '建平', ['邻居', '装修', '噪音']], // 马/n 建平/n
    ['黄建新投诉出租车拒载', '建新', ['出租车', '拒载']], // 黄/a 建新/v
    ['陈海燕反映暖气不热', '海燕', ['暖气', '不热']], // 陈/nr 海燕/nr
    ['请联系韦春雷核实', '春雷', ['核实']], // 韦/nr 春雷/nr
  ];
  it.each(titles)('%s: no part of %s', (title, name, expected) => {
    const words = keywords(title);
    expect(words).toEqual(expected);
    for (const w of words) expect(name.includes(w) || w.includes(name)).toBe(false);
  });

  it('keeps ordinary new words, and words after a surname that are no given name', () => {
    expect(keywords('网约车司机中途甩客')).toEqual(['网约车', '司机', '甩客']);
    expect(isContentWord('不热', 'x')).toBe(true);
    expect(isContentWord('王晓翠', 'x')).toBe(false);
    // 高 is a surname, 噪音 no given name; 苑 (a compound's suffix, tagged nr) before 供暖.
    expect(isContentWord('噪音', 'n', { word: '高', tag: 'a' })).toBe(true);
    expect(isContentWord('供暖', 'v', { word: '苑', tag: 'nr' })).toBe(true);
    expect(isContentWord('建平', 'n', { word: '马', tag: 'n' })).toBe(false);
  });

  it('knows the names and places the configuration adds, and only the segmenter made with them does', () => {
    const local = createSegmenter({ names: ['亓秀荣'], places: ['北集坡'] });
    const title = '亓秀荣反映北集坡街道路灯不亮';
    expect(titleKeywords(local, title)).toEqual(['灯不亮']);
    expect(titleKeywords(segment, title)).toEqual(['北集坡', '灯不亮']);
    // Same dictionary, same jieba: the instance is shared.
    expect(createSegmenter({ places: ['北集坡'], names: ['亓秀荣'] })(title)).toEqual(local(title));
  });

  it('never makes five calls from one person a 解决一类事 cluster under their name', () => {
    const rules = createRules(defaultConfig(), { tz: 'Asia/Shanghai', clock: 'event', segment });
    const f = new Feed(rules);
    for (let i = 0; i < 5; i++) {
      f.created(`W${i}`, `2026-11-20 0${i}:00`, { title: '王晓翠反映小区暖气不热', citizen: { name: '王晓翠', phone: '13812345678' } });
      f.created(`Z${i}`, `2026-11-20 0${i}:30`, { title: '赵敏再次来电', citizen: null });
    }
    const s = buildSnapshot(f.state, rules, { asOf: ms('2026-11-20 12:00'), builtAt: 0, wallNow: 0, seq: 1 });
    expect(s.clusters.map((c) => c.word).sort()).toEqual(['不热', '暖气']);
    expect(s.hotTopics.map((h) => h.word)).not.toContain('赵敏');
    expect(JSON.stringify(s)).not.toMatch(/王晓翠|赵敏|晓翠/);
  });
});
