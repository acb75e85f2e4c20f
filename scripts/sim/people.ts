// Citizens: names, mobile numbers and ID numbers that look real (ID numbers carry a valid check
// digit), so the screens' masking is exercised.
import type { Rng } from './random.ts';

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  );
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建国红梅鹏飞志宏海燕建华凤兰东晓峰立新春雷波斌宁浩亮'.split('');

export function randomName(rng: Rng): string {
  const n = rng.chance(0.7) ? 2 : 1;
  let s = rng.pick(SURNAMES);
  for (let i = 0; i < n; i++) s += rng.pick(GIVEN);
  return s;
}

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '157',
  '158',
  '159',
  '166',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '198',
  '199',
];

export function randomMobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + rng.digits(8);
}

/** A Tai'an landline, e.g. 0538-6281234. */
export function randomLandline(rng: Rng): string {
  return `0538-${rng.int(2, 8)}${rng.digits(6)}`;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** An 18-character resident ID number from a district, with a valid check digit. */
export function randomIdNumber(rng: Rng, district: string): string {
  const area = /^\d{6}$/.test(district) ? district : '370902';
  const year = rng.int(1950, 2004);
  const month = String(rng.int(1, 12)).padStart(2, '0');
  const day = String(rng.int(1, 28)).padStart(2, '0');
  const body = `${area}${year}${month}${day}${rng.digits(3)}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * ID_WEIGHTS[i];
  return body + ID_CHECK[sum % 11];
}
