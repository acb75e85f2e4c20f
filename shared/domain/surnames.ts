// Chinese surnames, for two things privacy needs (privacy.ts, server/core/segmenter.ts): showing a
// name as its surname and stars (欧阳娜娜 → 欧阳**), and telling a word the segmenter does not know
// from a person's name (王晓翠 starts with a surname, 不热 does not). The single-character list holds
// the common surnames of the mainland (well over 95% of people); rare ones fall to the configured
// names (config `privacy.names`).

/** Two-character surnames (复姓). */
export const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '令狐',
  '端木',
  '西门',
  '南宫',
  '独孤',
  '轩辕',
  '呼延',
  '申屠',
  '太史',
  '澹台',
  '钟离',
  '闻人',
  '万俟',
  '拓跋',
  '赫连',
  '司空',
  '公冶',
  '濮阳',
  '淳于',
  '单于',
  '仲孙',
  '百里',
  '东郭',
  '左丘',
]);

/**
 * Single-character surnames: some 260 of the most common by population, and a few of Shandong (亓, 逄, 逯,
 * 綦, 鞠, 展, 初, 修).
 */
export const SURNAMES: ReadonlySet<string> = new Set(
  [
    '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范',
    '金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪',
    '庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房',
    '滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁',
    '沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝阎萧薄亓逄逯綦鞠展初修',
  ]
    .join('')
    .split(''),
);

/** The surname a name starts with: a compound one when the name has a given name after it. */
export function surnameOf(name: string): string {
  const chars = Array.from(name);
  if (chars.length >= 3 && COMPOUND_SURNAMES.has(chars[0] + chars[1])) return chars[0] + chars[1];
  return chars[0] ?? '';
}

const HAN = /^\p{Script=Han}+$/u;

/**
 * Whether a word the segmenter does not know reads as a person's name: Han characters only, a
 * surname and a given name of one or two characters (王晓翠, 张伟; 欧阳娜娜). Taken generously: a
 * new word that starts with a surname character and is not a name (黄码) is only a hot word lost, a
 * name taken for a word would be a person shown on the wall.
 */
export function looksLikeName(word: string): boolean {
  if (!HAN.test(word)) return false;
  const chars = Array.from(word);
  if (chars.length >= 3 && chars.length <= 4 && COMPOUND_SURNAMES.has(chars[0] + chars[1])) return true;
  return chars.length >= 2 && chars.length <= 3 && SURNAMES.has(chars[0]);
}

/**
 * Characters common in given names (建国, 秀英, 海燕...): a segmenter's word right after a surname
 * made of these is taken for the given name (马/n 建平/n, 黄/a 建新/v), while 高/a 噪音/n is not.
 */
export const GIVEN_NAME_CHARS: ReadonlySet<string> = new Set(
  [
    '建国华明伟芳娜敏静丽强磊军洋勇艳杰娟涛超秀霞平刚桂英玉兰萍鹏飞志宏海燕凤东晓峰立新春雷波斌宁浩亮红梅文辉力永健世广义兴良山仁',
    '贵福生龙元全胜学祥才发利清彬富顺信子昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆民友裕河',
    '哲江政谦亨奇固之翰朗伯言若鸣朋梁栋维启克伦翔旭泽晨辰士以家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘慧巧美淑惠珠翠雅芝娥玲芬',
    '彩菊洁琳素云莲真环雪荣爱妹香月莺媛瑞凡佳嘉琼勤珍贞莉娣叶璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓仪荷丹蓉眉君琴',
    '蕊薇菁梦岚苑婕馨韵园艺咏卿聪澜纯毓悦昭冰爽茗羽希欣飘育滢馥筠柔竹凝欢霄枫芸菲寒伊亚宜可舒影荔阳妮宝贝程恒鸿桦剑娇宽灵琪晴',
    '容睿堂唯威雯萱彦宇雨忠宗曼紫逸贤蝶卫军兵武金银铁钢喜保根树桃杏芹莹琴淼鑫磊森焱垚',
  ]
    .join('')
    .split(''),
);

/** Whether a word can be a given name: one or two characters, each common in given names. */
export function looksLikeGivenName(word: string): boolean {
  const chars = Array.from(word);
  return chars.length >= 1 && chars.length <= 2 && chars.every((c) => GIVEN_NAME_CHARS.has(c));
}

/** Whether a word is a surname alone (王, 欧阳). */
export function isSurname(word: string): boolean {
  return SURNAMES.has(word) || COMPOUND_SURNAMES.has(word);
}
