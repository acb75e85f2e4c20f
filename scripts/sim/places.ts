// Where things happen: streets (街道/镇), roads and residential compounds of Tai'an's districts, and
// a rough centre of each for `location`. A configured district not listed here gets generic places.
import type { Rng } from './random.ts';

interface Place {
  centre: [number, number];
  streets: string[];
  roads: string[];
  compounds: string[];
}

const PLACES: Record<string, Place> = {
  '370902': {
    centre: [117.135, 36.2],
    streets: ['财源街道', '岱庙街道', '泰前街道', '上高街道', '徐家楼街道', '省庄镇', '邱家店镇', '泰山管理区'],
    roads: ['东岳大街', '泰山大街', '灵山大街', '岱宗大街', '迎胜路', '青年路', '财源大街', '龙潭路', '擂鼓石大街', '温泉路'],
    compounds: ['御碑楼小区', '东湖小区', '望岳小区', '泰山花园', '岱宗苑', '龙潭小区', '泰山名郡', '新城华府', '花园小区'],
  },
  '370911': {
    centre: [117.04, 36.19],
    streets: ['粥店街道', '天平街道', '北集坡街道', '山口镇', '满庄镇', '范镇', '大汶口镇', '道朗镇'],
    roads: ['长城路', '望岳西路', '泮河大街', '擂鼓石大街', '天烛峰路', '南关路', '岱岳大街'],
    compounds: ['泮河湾小区', '粥店新村', '天平湖小区', '汶河花园', '岱岳新城', '碧桂园'],
  },
  '370921': {
    centre: [116.8, 35.76],
    streets: ['文庙街道', '八仙桥街道', '磁窑镇', '华丰镇', '伏山镇', '蒋集镇', '堽城镇'],
    roads: ['文化路', '宁阳大街', '八仙桥路', '金阳大街', '七贤路'],
    compounds: ['文庙小区', '金阳花园', '七贤小区', '宁阳一中家属院'],
  },
  '370923': {
    centre: [116.47, 35.94],
    streets: ['东平街道', '州城街道', '彭集街道', '老湖镇', '银山镇', '戴庙镇', '沙河站镇'],
    roads: ['佛山街', '东平湖路', '龙山大街', '西山路', '白佛山路'],
    compounds: ['东平湖小区', '龙山花园', '佛山小区', '州城新村'],
  },
  '370982': {
    centre: [117.77, 35.91],
    streets: ['青云街道', '新汶街道', '新甫街道', '东都镇', '楼德镇', '羊流镇', '翟镇', '汶南镇'],
    roads: ['青云路', '府前大街', '金斗路', '平阳路', '新汶大街'],
    compounds: ['青云小区', '府前花园', '金斗小区', '新汶矿务局宿舍', '平阳河小区'],
  },
  '370983': {
    centre: [116.77, 36.18],
    streets: ['新城街道', '老城街道', '王瓜店街道', '仪阳街道', '桃园镇', '石横镇', '湖屯镇', '边院镇'],
    roads: ['龙山路', '长山街', '新城路', '泰临路', '桃园大街'],
    compounds: ['桃都小区', '龙山小区', '长山花园', '新城华庭', '佛桃园小区'],
  },
};

const GENERIC: Place = {
  centre: [117.09, 36.2],
  streets: ['城区街道', '开发区街道', '新区街道'],
  roads: ['发展大道', '创业路', '科技路'],
  compounds: ['和谐家园', '幸福里小区', '阳光花园'],
};

export function placeOf(district: string): Place {
  return PLACES[district] ?? GENERIC;
}

export interface Address {
  street: string;
  road: string;
  compound: string;
  location: [number, number];
}

export function randomAddress(rng: Rng, district: string): Address {
  const p = placeOf(district);
  const jitter = () => Math.round(rng.between(-0.06, 0.06) * 1e5) / 1e5;
  return {
    street: rng.pick(p.streets),
    road: rng.pick(p.roads),
    compound: rng.pick(p.compounds),
    location: [Math.round((p.centre[0] + jitter()) * 1e5) / 1e5, Math.round((p.centre[1] + jitter()) * 1e5) / 1e5],
  };
}
