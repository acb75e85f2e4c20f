// Maps registered with ECharts once each, keyed by adcode. The vendored files are
// client/src/assets/maps/<adcode>.geojson (feature ids are district adcodes); each feature gets
// properties.adcode so series use nameProperty: 'adcode' and data items are named by adcode.
import { echarts } from '../charts/echarts.ts';
import { LABEL_ANCHORS } from './anchors.ts';

interface Feature {
  id?: string | number;
  properties?: Record<string, unknown> & { name?: string };
  [k: string]: unknown;
}
export interface GeoJsonLike {
  type: string;
  features: Feature[];
  [k: string]: unknown;
}

const files = import.meta.glob('../assets/maps/*.geojson', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;

/** Adcodes with a vendored map file. */
export function availableMaps(): string[] {
  return Object.keys(files)
    .map((p) => /([0-9]{6})\.geojson$/.exec(p)?.[1])
    .filter((x): x is string => !!x)
    .sort();
}

/**
 * Adds properties.adcode (from the feature id) to every feature, and moves label anchors (`cp`)
 * listed in `anchors`; pure.
 */
export function withAdcodes(geo: GeoJsonLike, anchors: Record<string, [number, number]> = {}): GeoJsonLike {
  return {
    ...geo,
    features: geo.features.map((f) => {
      const adcode = String(f.id ?? f.properties?.adcode ?? f.properties?.name ?? '');
      const cp = anchors[adcode];
      return { ...f, properties: { ...(f.properties ?? {}), adcode, ...(cp ? { cp } : {}) } };
    }),
  };
}

/** ECharts map name for an adcode. */
export const mapName = (adcode: string) => `adcode-${adcode}`;

const pending = new Map<string, Promise<string | null>>();

/**
 * Loads and registers the map of `adcode` once; resolves to the ECharts map name, or null when no
 * file is vendored for it (the caller shows its figures without a map).
 */
export function ensureMap(adcode: string): Promise<string | null> {
  let p = pending.get(adcode);
  if (!p) {
    const key = Object.keys(files).find((k) => k.endsWith(`/${adcode}.geojson`));
    p = key
      ? files[key]!().then((raw) => {
          const geo = withAdcodes(JSON.parse(raw) as GeoJsonLike, LABEL_ANCHORS[adcode]);
          echarts.registerMap(mapName(adcode), geo as unknown as Parameters<typeof echarts.registerMap>[1]);
          return mapName(adcode);
        })
      : Promise.resolve(null);
    p = p.catch((e: unknown) => {
      console.error('[maps] cannot load', adcode, e);
      pending.delete(adcode);
      return null;
    });
    pending.set(adcode, p);
  }
  return p;
}
