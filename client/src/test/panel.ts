// Test helper: a Pinia with the live store fed the fixture snapshot, and a mount that stubs only
// the chart primitive (ECharts cannot draw in happy-dom) and tracks resources.
import { mount, type ComponentMountingOptions } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import type { Component } from 'vue';
import type { Snapshot } from '@shared/contract/snapshot.ts';
import { fixtureSnapshot } from '../fixtures/index.ts';
import { useLiveStore, type LiveStore } from '../stores/live.ts';
import { trackResources, type Tracker } from './leaks.ts';

export interface PanelHarness {
  pinia: Pinia;
  store: LiveStore;
  snapshot: Snapshot;
  tracker: Tracker;
}

/** Store first (its own 1 s tick is not the panel's), then the tracker. */
export function panelHarness(opts: { connected?: boolean; snapshot?: Snapshot | null; at?: number } = {}): PanelHarness {
  const pinia = createPinia();
  setActivePinia(pinia);
  const store = useLiveStore();
  const snapshot = opts.snapshot === undefined ? fixtureSnapshot() : opts.snapshot;
  if (opts.connected !== false) store.setConnected(true, opts.at);
  if (snapshot) store.receiveSnapshot(snapshot, opts.at);
  const tracker = trackResources();
  return { pinia, store, snapshot: snapshot as Snapshot, tracker };
}

export function mountPanel<C extends Component>(
  h: PanelHarness,
  component: C,
  options: ComponentMountingOptions<C> = {} as ComponentMountingOptions<C>,
) {
  return mount(component, {
    ...options,
    global: { ...(options.global ?? {}), plugins: [h.pinia], stubs: { EChart: true, ...(options.global?.stubs ?? {}) } },
  } as ComponentMountingOptions<C>);
}

/** Reads a figure: its text and its data-value. */
export function fig(
  wrapper: { find: (s: string) => { exists(): boolean; attributes(k: string): string | undefined; text(): string } },
  testid: string,
) {
  const el = wrapper.find(`[data-testid="${testid}"]`);
  if (!el.exists()) throw new Error(`no element with data-testid="${testid}"`);
  return { value: el.attributes('data-value'), text: el.text() };
}

/** Unmounts and checks that the panel left nothing running; restores the tracker. */
export function unmountClean(h: PanelHarness, wrapper: { unmount(): void }) {
  const created = h.tracker.created();
  wrapper.unmount();
  const left = h.tracker.active();
  h.tracker.restore();
  h.store.$dispose();
  return { created, left };
}
