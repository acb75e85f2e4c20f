import { describe, expect, it } from 'vitest';
import { maskName, maskPhone, maskText } from '../index.ts';

describe('masking personal data', () => {
  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskText('联系电话13812345678。')).toBe('联系电话138****5678。');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138 1234 5678')).toBe('138****5678');
  });
  it('keeps the first three and last two characters of landlines and ID numbers', () => {
    expect(maskText('座机0538-6221234')).toBe('座机053*******34');
    expect(maskText('身份证37090219800101123X')).toBe('身份证370*************3X');
    expect(maskPhone('05386221234')).toBe('053******34');
  });
  it('leaves ticket ids, dates and short numbers alone', () => {
    expect(maskText('工单TA202611300001于2026-11-30办结，3号楼')).toBe('工单TA202611300001于2026-11-30办结，3号楼');
  });
  it('shows a name as the surname and one star per further character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张小三')).toBe('张**');
    expect(maskName('欧阳娜娜')).toBe('欧***');
  });
});
