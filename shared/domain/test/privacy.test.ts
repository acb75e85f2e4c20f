import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { longestDigitRun } from '../../../tests/support/privacy.ts';
import { maskName, maskPhone, maskText } from '../index.ts';

describe('masking numbers in text, as people write them (metrics.md, Personal data)', () => {
  it('keeps the first three and last four digits of a mobile number, however it is written', () => {
    expect(maskText('联系电话13812345678。')).toBe('联系电话138****5678。');
    expect(maskText('电话138-1234-5678')).toBe('电话138****5678');
    expect(maskText('电话138 1234 5678')).toBe('电话138****5678');
    expect(maskText('电话138.1234.5678')).toBe('电话138****5678');
    expect(maskText('电话１３８１２３４５６７８')).toBe('电话138****5678');
    expect(maskText('电话１３８－１２３４－５６７８')).toBe('电话138****5678');
    // The country code is not personal: it stays, as +86 or 86.
    expect(maskText('电话+8613812345678')).toBe('电话+86138****5678');
    expect(maskText('电话8613812345678')).toBe('电话86138****5678');
    expect(maskText('电话+86 138 1234 5678')).toBe('电话+86138****5678');
    expect(maskText('电话0086-138-1234-5678')).toBe('电话+86138****5678');
  });

  it('keeps the first three and last two characters of landlines, the rest (separators too) starred', () => {
    expect(maskText('座机0538-6221234')).toBe('座机053*******34');
    expect(maskText('座机05386221234')).toBe('座机053******34');
    expect(maskText('座机０５３８－６２２１２３４')).toBe('座机053*******34');
    // Without its area code a landline is still a phone number.
    expect(maskText('座机6221234')).toBe('座机622**34');
    expect(maskText('座机62212345')).toBe('座机622***45');
    expect(maskText('座机622 1234')).toBe('座机622***34');
  });

  it('keeps the first three and last two characters of ID numbers: 18 characters, 15 digits, spaced', () => {
    expect(maskText('身份证37090219800101123X')).toBe('身份证370*************3X');
    expect(maskText('身份证37090219800101123x')).toBe('身份证370*************3X');
    expect(maskText('身份证370902198001011234')).toBe('身份证370*************34');
    expect(maskText('身份证370902800101123')).toBe('身份证370**********23');
    expect(maskText('身份证370902 19800101 123X')).toBe('身份证370***************3X');
    expect(maskText('身份证370902-1980-0101-123X')).toBe('身份证370****************3X');
    expect(maskText('身份证３７０９０２１９８００１０１１２３Ｘ')).toBe('身份证370*************3X');
  });

  it('masks every other run of 7 or more digits, and numbers in circled or Chinese digits', () => {
    expect(maskText('工单TA202611300001已办结')).toBe('工单TA202*******01已办结');
    expect(maskText('卡号6222 0202 0000 1234 567')).toBe('卡号622******************67');
    expect(maskText('⑳⑳⑳⑳')).toBe('202***20');
    expect(maskText('电话一三八一二三四五六七八')).toBe('电话138****5678');
    expect(maskText('电话幺三八 幺二三四 五六七八')).toBe('电话138****5678');
  });

  it('writes a date with separators in words, so it reads the same and is no number', () => {
    expect(maskText('于2026-11-30办结')).toBe('于2026年11月30日办结');
    expect(maskText('2026.11.30停水')).toBe('2026年11月30日停水');
    expect(maskText('2026-11-30 09:15 停水')).toBe('2026年11月30日 09:15 停水');
    // Not a date: month 13.
    expect(maskText('2026-13-30')).toBe('202*****30');
  });

  it('leaves short numbers, years, house numbers and plates alone', () => {
    const plain = '3号楼2单元1201室，2026年11月30日，鲁J12345，12345热线，面积120㎡，202611期，一直漏水';
    expect(maskText(plain)).toBe(plain);
    expect(maskText('123456')).toBe('123456');
    expect(maskText('第1.2.3条')).toBe('第1.2.3条');
  });

  it('masks the ticket citizen’s own name and phone wherever they appear', () => {
    const citizen = { name: '王晓翠', phone: '13812345678' };
    expect(maskText('王晓翠反映小区暖气不热', citizen)).toBe('王**反映小区暖气不热');
    expect(maskText('王晓翠（138 1234 5678）再次来电，王晓翠称', citizen)).toBe('王**（138****5678）再次来电，王**称');
    expect(maskText('欧阳娜娜反映噪音', { name: '欧阳娜娜' })).toBe('欧阳**反映噪音');
    // Their 6-digit short number (短号) too, which the length rule alone leaves.
    expect(maskText('请回电661234', { phone: '661234' })).toBe('请回电661*34');
    expect(maskText('请回电661234')).toBe('请回电661234');
    // A one-character name shows as itself: nothing to mask.
    expect(maskText('王反映', { name: '王' })).toBe('王反映');
    expect(maskText('暖气不热', { name: null, phone: null })).toBe('暖气不热');
  });

  it('is idempotent: masking masked text changes nothing', () => {
    for (const t of ['+8613812345678', '0538-6221234', '37090219800101123X', '2026-11-30', '⑳⑳⑳⑳', '王晓翠13812345678']) {
      const once = maskText(t, { name: '王晓翠' });
      expect(maskText(once, { name: '王晓翠' })).toBe(once);
    }
  });

  it('leaves no 7-digit run from any character whose NFKC form holds a digit', () => {
    // Every code point, so the fast path's set of digit characters is known to be complete.
    const sources: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCodePoint(cp);
      if (/\p{Nd}/u.test(c.normalize('NFKC'))) sources.push(c);
    }
    expect(sources.length).toBeGreaterThan(900);
    const leaks = sources.filter((c) => longestDigitRun(maskText(c.repeat(7))) >= 7 || longestDigitRun(maskText(`1${c}23456`)) >= 7);
    expect(leaks).toEqual([]);
  });
});

describe('masking the citizen fields', () => {
  it('shows a phone field as a mobile 3 + 4, anything else 3 + 2 characters', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138 1234 5678')).toBe('138****5678');
    expect(maskPhone('１３８１２３４５６７８')).toBe('138****5678');
    expect(maskPhone('05386221234')).toBe('053******34');
    expect(maskPhone('0538-6221234')).toBe('053*******34');
    expect(maskPhone('12345')).toBe('*****');
  });

  it('shows a name as the surname and one star per further character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张小三')).toBe('张**');
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
    expect(maskName('欧阳娜')).toBe('欧阳*');
    // Two characters are a surname and a given name, even when they could start a compound one.
    expect(maskName('欧阳')).toBe('欧*');
    expect(maskName(' 李四 ')).toBe('李*');
  });
});

describe('masking, property', () => {
  const digit = fc.constantFrom(...'0123456789');
  const fullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  const separator = fc.constantFrom(' ', '-', '.', '　', '－', '–', ' - ');
  const groups = (digits: string, sizes: number[], sep: string) => {
    const out: string[] = [];
    let i = 0;
    for (const n of sizes) {
      out.push(digits.slice(i, i + n));
      i += n;
    }
    if (i < digits.length) out.push(digits.slice(i));
    return out.filter((g) => g !== '').join(sep);
  };
  const number = fc
    .tuple(
      fc.array(digit, { minLength: 7, maxLength: 20 }).map((d) => d.join('')),
      fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 5 }),
      separator,
      fc.constantFrom('', '+86', '86', '0086', '+86 '),
      fc.boolean(),
      fc.constantFrom('', 'X', 'x'),
    )
    .map(([d, sizes, sep, prefix, wide, x]) => {
      const written = prefix + groups(d, sizes, sep) + x;
      return wide ? fullWidth(written) : written;
    });
  const text = fc.constantFrom(
    '暖气不热',
    '联系电话',
    '身份证号',
    '，',
    '。',
    ' ',
    '-',
    '+',
    'X',
    '号楼',
    '反映',
    '3',
    '12',
    '⑳',
    '１',
    '(',
    ')',
    '、',
    ':',
  );

  it('leaves no 7 digits in a row, whatever the numbers and their neighbours', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(number, text), { maxLength: 12 }), (parts) => {
        const masked = maskText(parts.join(''));
        expect(longestDigitRun(masked)).toBeLessThan(7);
        expect(maskText(masked)).toBe(masked);
      }),
      { numRuns: 2000 },
    );
  });
});
