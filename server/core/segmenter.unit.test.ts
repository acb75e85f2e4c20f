// The server's segmenter (jieba) through the core's keyword rules: what the hot topics see of real
// titles.
import { describe, expect, it } from 'vitest';
import { maskText, titleKeywords } from '../../shared/domain/index.ts';
import { createSegmenter } from './segmenter.ts';

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
