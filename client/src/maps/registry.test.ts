import { describe, expect, it } from 'vitest';
import { echarts } from '../charts/echarts.ts';
import { availableMaps, ensureMap, mapName, withAdcodes } from './registry.ts';

describe('the map registry', () => {
  it('knows the vendored maps by adcode', () => {
    expect(availableMaps()).toContain('370900');
  });

  it('names regions by adcode and moves crowded label anchors', () => {
    const geo = withAdcodes(
      {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', id: '370902', properties: { name: '泰山区', cp: [1, 2] }, geometry: null },
          { type: 'Feature', id: '370921', properties: { name: '宁阳县', cp: [3, 4] }, geometry: null },
        ],
      },
      { '370902': [117.19, 36.26] },
    );
    expect(geo.features.map((f) => f.properties)).toEqual([
      { name: '泰山区', cp: [117.19, 36.26], adcode: '370902' },
      { name: '宁阳县', cp: [3, 4], adcode: '370921' },
    ]);
  });

  it('registers a map once and answers null for a city with no file', async () => {
    const a = await ensureMap('370900');
    const b = await ensureMap('370900');
    expect(a).toBe(mapName('370900'));
    expect(b).toBe(a);
    const map = echarts.getMap(a!) as unknown as { geoJSON?: { features: { properties: { adcode: string } }[] } } | null;
    expect(map?.geoJSON?.features.map((f) => f.properties.adcode).sort()).toEqual([
      '370902',
      '370911',
      '370921',
      '370923',
      '370982',
      '370983',
    ]);
    expect(await ensureMap('110000')).toBeNull();
  });
});
