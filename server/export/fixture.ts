// A RankingsAnswer for the export tests, with the awkward cases: null rates and scores, a score on
// a rounding half (84.125), a unit new this period, a unit that changed kind, names a spreadsheet
// would misread (a comma, a quote, a leading "="), ranks that rose, fell and stayed, a unit that
// co-handled and returned tickets beside ones that did neither.
import type { DepartmentRow, RankingsAnswer } from '../../shared/contract/snapshot.ts';

const row = (r: Partial<DepartmentRow> & Pick<DepartmentRow, 'id' | 'name' | 'kind'>): DepartmentRow => ({
  assigned: 0,
  responseRate: null,
  onTimeRate: null,
  resolutionRate: null,
  satisfactionRate: null,
  coOnTimeRate: null,
  score: null,
  rank: null,
  card: 'green',
  redNow: 0,
  returned: 0,
  coOverdueNow: 0,
  ...r,
  returnRate: r.returnRate !== undefined ? r.returnRate : r.assigned ? (r.returned ?? 0) / r.assigned : null,
});

export function rankingsFixture(): RankingsAnswer {
  const counties: DepartmentRow[] = [
    row({
      id: 'c-370911',
      name: '岱岳区政府',
      kind: 'county',
      assigned: 64,
      responseRate: 1,
      onTimeRate: 0.97934,
      resolutionRate: 0.97355,
      satisfactionRate: 0.95661,
      coOnTimeRate: 0.9,
      score: 97.49152,
      rank: 1,
      returned: 3,
      returnRate: 3 / 64,
    }),
    row({
      id: 'c-370923',
      name: '东平县政府',
      kind: 'county',
      assigned: 246,
      responseRate: 0.94831,
      onTimeRate: 0.94768,
      resolutionRate: 0.96259,
      satisfactionRate: 0.94871,
      score: 95.2585,
      rank: 2,
      card: 'yellow',
      redNow: 2,
    }),
    row({
      id: 'c-370982',
      name: '新泰市政府',
      kind: 'county',
      assigned: 92,
      responseRate: 0.88925,
      onTimeRate: 0.848,
      resolutionRate: 0.80774,
      satisfactionRate: 0.83,
      score: 84.125,
      rank: 3,
      card: 'yellow',
    }),
    row({
      id: 'c-370921',
      name: '宁阳县政府',
      kind: 'county',
      assigned: 40,
      responseRate: 0.7,
      onTimeRate: 0.65,
      resolutionRate: 0.7,
      satisfactionRate: 0.75,
      score: 70.5,
      rank: 4,
      card: 'red',
      redNow: 4,
    }),
  ];
  const depts: DepartmentRow[] = [
    row({
      id: 'd-01',
      name: '市住建局',
      kind: 'department',
      assigned: 120,
      responseRate: 0.99,
      onTimeRate: 0.9,
      resolutionRate: 0.92,
      satisfactionRate: 0.93,
      coOnTimeRate: 0.75,
      score: 92.9,
      rank: 1,
      returned: 12,
      returnRate: 0.1,
      coOverdueNow: 2,
    }),
    row({
      id: 'd-02',
      name: '市场监管局, 综合科',
      kind: 'department',
      assigned: 30,
      responseRate: 0.8,
      onTimeRate: null,
      resolutionRate: 0.5,
      satisfactionRate: 0.6,
      score: 61.81818,
      rank: 2,
      card: 'red',
    }),
    row({ id: 'd-03', name: '=市"生态"环境局', kind: 'department', assigned: 5, responseRate: 0.5 }),
    row({ id: 'd-04', name: '市交通运输局', kind: 'department', assigned: 2 }),
  ];
  // d-01 and d-03 are set below with scores for the previous period only where needed.
  depts[2] = { ...depts[2]!, score: 50, rank: 3, card: 'red' };
  const enterprises: DepartmentRow[] = [
    row({
      id: 'e-water',
      name: '泰安水务集团',
      kind: 'enterprise',
      assigned: 11,
      responseRate: 1,
      onTimeRate: 1,
      resolutionRate: 1,
      satisfactionRate: 1,
      score: 100,
      rank: 1,
    }),
    row({
      id: 'e-power',
      name: '国网泰安供电公司',
      kind: 'enterprise',
      assigned: 9,
      responseRate: 0.9,
      onTimeRate: 0.9,
      resolutionRate: 0.9,
      satisfactionRate: 0.9,
      score: 90,
      rank: 2,
    }),
  ];
  const previous: DepartmentRow[] = [
    row({ id: 'c-370911', name: '岱岳区政府', kind: 'county', assigned: 50, score: 90.005, rank: 3 }),
    row({ id: 'c-370923', name: '东平县政府', kind: 'county', assigned: 200, score: 96.1, rank: 1 }),
    row({ id: 'c-370982', name: '新泰市政府', kind: 'county', assigned: 80, score: 91, rank: 2 }),
    row({ id: 'c-370921', name: '宁阳县政府', kind: 'county', assigned: 30, score: 70.5, rank: 4 }),
    row({ id: 'd-01', name: '市住建局', kind: 'department', assigned: 90, score: 95.004, rank: 1 }),
    // d-02 was an enterprise then: its rank does not compare, its score does.
    row({ id: 'd-02', name: '市场监管局', kind: 'enterprise', assigned: 10, score: 70, rank: 1 }),
    row({ id: 'd-04', name: '市交通运输局', kind: 'department', assigned: 1 }),
    // e-water is new this period; e-power was ranked last of two.
    row({ id: 'e-power', name: '国网泰安供电公司', kind: 'enterprise', assigned: 7, score: 88.8, rank: 2 }),
  ];
  return {
    from: '2026-11-01',
    to: '2026-11-29',
    departments: [...counties, ...depts, ...enterprises],
    previous: { from: '2026-10-03', to: '2026-10-31', departments: previous },
  };
}
