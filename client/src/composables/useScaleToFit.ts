// Fit a fixed design canvas (1920×1080 by default) to the window with a CSS transform (never
// `zoom`, which misplaces ECharts' pointer). Charts get devicePixelRatio × scale so a 4K wall
// (scale 2) stays sharp: provide chartDpr with CHART_DPR for EChart.vue.
import { computed, ref, type InjectionKey, type Ref } from 'vue';
import { useEventListener } from './timers.ts';

export const CHART_DPR: InjectionKey<Ref<number>> = Symbol('lx-chart-dpr');

/** Canvas pixels are costly: above this the gain is invisible. */
export const MAX_CHART_DPR = 4;

export interface Fit {
  scale: Ref<number>;
  offsetX: Ref<number>;
  offsetY: Ref<number>;
  /** Style for the canvas element (position absolute, top-left origin). */
  style: Ref<Record<string, string>>;
  chartDpr: Ref<number>;
  measure: () => void;
}

export function computeFit(winW: number, winH: number, designW: number, designH: number) {
  const scale = Math.max(0.05, Math.min(winW / designW, winH / designH));
  return { scale, offsetX: (winW - designW * scale) / 2, offsetY: (winH - designH * scale) / 2 };
}

export function useScaleToFit(designW: number, designH: number, win: Window = window): Fit {
  const scale = ref(1);
  const offsetX = ref(0);
  const offsetY = ref(0);
  const dpr = ref(win.devicePixelRatio || 1);

  function measure() {
    const f = computeFit(win.innerWidth || designW, win.innerHeight || designH, designW, designH);
    scale.value = f.scale;
    offsetX.value = f.offsetX;
    offsetY.value = f.offsetY;
    dpr.value = win.devicePixelRatio || 1;
  }
  measure();
  useEventListener(win, 'resize', measure);

  const style = computed(() => ({
    position: 'absolute',
    left: '0px',
    top: '0px',
    width: `${designW}px`,
    height: `${designH}px`,
    transformOrigin: '0 0',
    transform: `translate(${offsetX.value.toFixed(2)}px, ${offsetY.value.toFixed(2)}px) scale(${scale.value.toFixed(5)})`,
  }));
  // Rounded so a tiny resize does not re-create every chart.
  const chartDpr = computed(() => Math.min(MAX_CHART_DPR, Math.max(1, Math.round(dpr.value * scale.value * 4) / 4)));
  return { scale, offsetX, offsetY, style, chartDpr, measure };
}
