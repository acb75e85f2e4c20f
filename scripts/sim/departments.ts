// The units tickets are dispatched to, of the three kinds the rankings separate (分级分类):
// county/district governments (one per configured district), city departments and public utilities.
import type { DeptKind } from '../../shared/contract/events.ts';
import type { District } from '../../shared/config.ts';

export interface Dept {
  id: string;
  name: string;
  kind: DeptKind;
  /** For county governments: the district they govern. */
  district?: string;
}

/** City departments: id, name. */
export const CITY_DEPARTMENTS: readonly Dept[] = [
  { id: 'd-zj', name: '市住建局', kind: 'department' },
  { id: 'd-cg', name: '市城管局', kind: 'department' },
  { id: 'd-sthj', name: '市生态环境局', kind: 'department' },
  { id: 'd-jt', name: '市交通运输局', kind: 'department' },
  { id: 'd-scjg', name: '市市场监管局', kind: 'department' },
  { id: 'd-rs', name: '市人社局', kind: 'department' },
  { id: 'd-yb', name: '市医保局', kind: 'department' },
  { id: 'd-jy', name: '市教育局', kind: 'department' },
  { id: 'd-ga', name: '市公安局', kind: 'department' },
  { id: 'd-wj', name: '市卫健委', kind: 'department' },
  { id: 'd-zrzy', name: '市自然资源和规划局', kind: 'department' },
  { id: 'd-mz', name: '市民政局', kind: 'department' },
  { id: 'd-wl', name: '市文化和旅游局', kind: 'department' },
];

/** Public utilities. */
export const ENTERPRISES: readonly Dept[] = [
  { id: 'e-gd', name: '国网泰安供电公司', kind: 'enterprise' },
  { id: 'e-sw', name: '泰安水务集团', kind: 'enterprise' },
  { id: 'e-rl', name: '泰安热力公司', kind: 'enterprise' },
  { id: 'e-rq', name: '泰安港华燃气公司', kind: 'enterprise' },
  { id: 'e-yd', name: '中国移动泰安分公司', kind: 'enterprise' },
  { id: 'e-lt', name: '中国联通泰安分公司', kind: 'enterprise' },
  { id: 'e-gj', name: '泰安公交集团', kind: 'enterprise' },
];

/** The government of a district: 泰山区 -> 泰山区政府, a zone without 县/区/市 -> its 管委会. */
export function countyDept(d: District): Dept {
  const suffix = /[县区市]$/.test(d.name) ? '政府' : '管委会';
  return { id: `c-${d.code}`, name: `${d.name}${suffix}`, kind: 'county', district: d.code };
}

export class DeptDirectory {
  readonly byId = new Map<string, Dept>();
  readonly counties = new Map<string, Dept>();

  constructor(districts: readonly District[]) {
    for (const d of districts) {
      const c = countyDept(d);
      this.counties.set(d.code, c);
      this.byId.set(c.id, c);
    }
    for (const d of [...CITY_DEPARTMENTS, ...ENTERPRISES]) this.byId.set(d.id, d);
  }

  get(id: string): Dept {
    const d = this.byId.get(id);
    if (!d) throw new Error(`unknown simulated department ${id}`);
    return d;
  }

  /** A department id, or `county` for the government of the ticket's district. */
  resolve(ref: string, district: string): Dept {
    return ref === 'county' ? this.counties.get(district)! : this.get(ref);
  }

  all(): Dept[] {
    return [...this.byId.values()];
  }
}
