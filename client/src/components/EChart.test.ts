import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick, provide, ref } from 'vue';
import { CHART_DPR } from '../composables/useScaleToFit.ts';
import { trackResources, type Tracker } from '../test/leaks.ts';

// ECharts cannot draw in happy-dom: the primitive is tested against a recording fake.
const instances: FakeChart[] = [];
interface FakeChart {
  opts: { devicePixelRatio?: number };
  setOption: ReturnType<typeof vi.fn>;
  resize: ReturnType<typeof vi.fn>;
  dispose: ReturnType<typeof vi.fn>;
  isDisposed: () => boolean;
  disposed: boolean;
}
vi.mock('../charts/echarts.ts', () => ({
  echarts: {
    init: (_el: HTMLElement, _theme: unknown, opts: { devicePixelRatio?: number }) => {
      const c: FakeChart = {
        opts,
        disposed: false,
        setOption: vi.fn(),
        resize: vi.fn(),
        dispose: vi.fn(() => {
          c.disposed = true;
        }),
        isDisposed: () => c.disposed,
      };
      instances.push(c);
      return c;
    },
  },
}));

const { default: EChart } = await import('./EChart.vue');

let tracker: Tracker;
beforeEach(() => {
  instances.length = 0;
  tracker = trackResources();
});
afterEach(() => tracker.restore());

describe('EChart, the chart primitive', () => {
  it('creates one instance, merges updates, disposes it and its observer on unmount', async () => {
    const option = ref<Record<string, unknown>>({ series: [{ id: 'a', data: [1, 2] }] });
    const w = mount(defineComponent(() => () => h(EChart, { option: option.value, replaceMerge: ['series'] })));
    expect(instances).toHaveLength(1);
    const c = instances[0]!;
    expect(c.setOption).toHaveBeenCalledWith(option.value, { notMerge: true });
    option.value = { series: [{ id: 'a', data: [3, 4] }] };
    await nextTick();
    expect(c.setOption).toHaveBeenLastCalledWith(option.value, { notMerge: false, replaceMerge: ['series'], lazyUpdate: true });
    expect(tracker.active().observers).toBe(1);
    w.unmount();
    expect(c.dispose).toHaveBeenCalledOnce();
    expect(tracker.active()).toMatchObject({ observers: 0, intervals: 0, timeouts: 0, frames: 0, listeners: [] });
  });

  it('renders at devicePixelRatio × canvas scale, and re-creates the instance when it changes', async () => {
    const dpr = ref(2);
    const w = mount(
      defineComponent(() => {
        provide(CHART_DPR, dpr);
        return () => h(EChart, { option: {} });
      }),
    );
    expect(instances[0]!.opts.devicePixelRatio).toBe(2);
    dpr.value = 3;
    await nextTick();
    expect(instances[0]!.dispose).toHaveBeenCalledOnce();
    expect(instances).toHaveLength(2);
    expect(instances[1]!.opts.devicePixelRatio).toBe(3);
    w.unmount();
    expect(instances[1]!.dispose).toHaveBeenCalledOnce();
  });
});

describe('EChart updates', () => {
  it('does not redraw when the option has the same content', async () => {
    const option = ref<Record<string, unknown>>({ series: [{ data: [1, 2] }] });
    const w = mount(defineComponent(() => () => h(EChart, { option: option.value })));
    const c = instances[instances.length - 1]!;
    option.value = { series: [{ data: [1, 2] }] };
    await nextTick();
    expect(c.setOption).toHaveBeenCalledTimes(1);
    option.value = { series: [{ data: [1, 3] }] };
    await nextTick();
    expect(c.setOption).toHaveBeenCalledTimes(2);
    w.unmount();
  });
});
