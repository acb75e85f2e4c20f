// Fills a topic's templates into a title and content that read like a 12345 work order
// (市民来电反映 ...), sometimes carrying a phone or ID number so masking is exercised.
import type { TicketKind } from '../../shared/contract/events.ts';
import type { Address } from './places.ts';
import { randomIdNumber, randomLandline, randomMobile } from './people.ts';
import type { Rng } from './random.ts';
import type { Topic } from './topics.ts';

const COMPANIES = ['泰安某建筑劳务公司', '岱岳区某机械厂', '泰山区某物流公司', '某装饰工程公司', '某商贸有限公司', '某食品加工厂'];
const HOSPITALS = ['市中心医院', '泰山医院', '市中医医院', '岱岳区人民医院', '社区卫生服务中心'];
const CHANNEL_WORDS = { phone: '来电', web: '网上留言', wechat: '通过微信反映', app: '通过爱山东APP反映', other: '反映' } as const;

function fill(rng: Rng, template: string, addr: Address, road2: string): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    switch (key) {
      case 'road':
        return addr.road;
      case 'road2':
        return road2;
      case 'compound':
        return addr.compound;
      case 'street':
        return addr.street;
      case 'company':
        return rng.pick(COMPANIES);
      case 'hospital':
        return rng.pick(HOSPITALS);
      case 'n':
        return String(rng.int(2, 9));
      case 'days':
        return String(rng.int(2, 10));
      case 'temp':
        return String(rng.int(9, 15));
      case 'months':
        return String(rng.int(2, 8));
      case 'amount':
        return String(rng.int(3, 120) * 100);
      case 'bus':
        return String(rng.int(1, 60));
      case 'plate':
        return `T${rng.digits(4)}`;
      default:
        return key;
    }
  });
}

/** Title openings that belong to one kind of ticket. */
const KIND_OPENINGS: Partial<Record<TicketKind, string[]>> = { consult: ['咨询'], suggestion: ['建议'], praise: ['表扬', '感谢'] };
const opening = (title: string) =>
  (Object.keys(KIND_OPENINGS) as TicketKind[]).find((k) => KIND_OPENINGS[k]!.some((o) => title.startsWith(o)));

/** Titles that fit the kind: 咨询... for a consultation, plain ones for a complaint, and so on. */
function titlesFor(topic: Topic, kind: TicketKind): string[] {
  const own = topic.titles.filter((t) => opening(t) === kind);
  if (own.length > 0) return own;
  const plain = topic.titles.filter((t) => opening(t) === undefined);
  return plain.length > 0 ? plain : topic.titles;
}

export interface TicketText {
  title: string;
  content: string;
}

export function ticketText(
  rng: Rng,
  topic: Topic,
  addr: Address,
  road2: string,
  channel: keyof typeof CHANNEL_WORDS,
  district: string,
  kind: TicketKind,
): TicketText {
  const consult = kind === 'consult';
  let title = fill(rng, rng.pick(titlesFor(topic, kind)), addr, road2);
  const r = rng.next();
  // Some titles carry personal data, as real ones do when an operator types fast.
  if (r < 0.05) title += `（联系电话${randomMobile(rng)}）`;
  else if (r < 0.07) title += `（身份证号${randomIdNumber(rng, district)}）`;
  else if (r < 0.08) title += `（电话${randomLandline(rng)}）`;
  const detail = fill(rng, rng.pick(topic.details), addr, road2);
  const demand = fill(rng, rng.pick(topic.demands), addr, road2);
  const where = consult ? '' : `${addr.street}${addr.road}${addr.compound}附近，`;
  let content = `市民${CHANNEL_WORDS[channel]}：${where}${title.replace(/（.*）$/, '')}，${detail}。${demand}。`;
  if (rng.chance(0.3)) content += `来电人联系方式：${randomMobile(rng)}。`;
  return { title: title.slice(0, 200), content: content.slice(0, 4000) };
}
