// The map's view of the snapshot: the ECharts option (pure, bounded: one item per district).
import type { DistrictRow } from '@shared/contract/snapshot.ts';
import type { EChartsCoreOption } from '../../../../charts/echarts.ts';
import { C, FONT_FAMILY } from '../../../../charts/theme.ts';

export type MapMetric = 'overdue' | 'open';

export const METRIC_LABELS: Record<MapMetric, string> = { overdue: '超期工单', open: '在办工单' };

const SCALES: Record<MapMetric, string[]> = {
  overdue: ['#12355c', '#5a3a52', '#a8343f', '#e8383d'],
  open: ['#0f2f52', '#165a8f', '#1f8ac6', '#3cc8ff'],
};

export function metricScale(metric: MapMetric): string[] {
  return SCALES[metric];
}

/** The label of a district on the map: its name, then overdue and open (rich text). */
export function districtLabel(d: DistrictRow): string {
  return `{n|${d.name}}\n{o|超期 ${d.overdue}}  {p|在办 ${d.open}}`;
}

export interface MapLayout {
  left: number | string;
  right: number | string;
  top: number | string;
  bottom: number | string;
}

export function mapOption(
  map: string,
  districts: DistrictRow[],
  metric: MapMetric,
  focusCode: string | null,
  layout: MapLayout = { left: 10, right: 10, top: 10, bottom: 10 },
  big = false,
): EChartsCoreOption {
  const max = Math.max(1, ...districts.map((d) => d[metric]));
  const nameSize = big ? 24 : 20;
  const valSize = big ? 19 : 16;
  return {
    backgroundColor: 'transparent',
    textStyle: { fontFamily: FONT_FAMILY },
    // No update transitions: on a wall updated every half second they would redraw the canvas every frame.
    animationDurationUpdate: 0,
    visualMap: {
      show: false,
      type: 'continuous',
      min: 0,
      max,
      seriesIndex: 0,
      inRange: { color: SCALES[metric] },
    },
    series: [
      {
        id: 'districts',
        type: 'map',
        map,
        nameProperty: 'adcode',
        roam: false,
        selectedMode: false,
        ...layout,
        itemStyle: { borderColor: '#7cc4ff', borderWidth: 1.5, areaColor: '#12355c' },
        emphasis: { disabled: true },
        label: {
          show: true,
          // Regions without a figure (not a configured district) stay unlabelled.
          formatter: () => '',
          rich: {
            n: { fontSize: nameSize, fontWeight: 700, color: '#ffffff', lineHeight: nameSize + 8, fontFamily: FONT_FAMILY },
            o: { fontSize: valSize, fontWeight: 700, color: '#ffd0d0', fontFamily: FONT_FAMILY },
            p: { fontSize: valSize, color: '#cfe6ff', fontFamily: FONT_FAMILY },
          },
          textBorderColor: 'rgba(2, 8, 18, 0.95)',
          textBorderWidth: 4,
        },
        data: districts.map((d) => ({
          name: d.code,
          value: d[metric],
          label: { formatter: districtLabel(d) },
          ...(d.code === focusCode ? { itemStyle: { borderColor: C.yellow, borderWidth: 5, shadowColor: C.yellow, shadowBlur: 24 } } : {}),
        })),
      },
    ],
  };
}
