// Rows that do not fit scroll slowly by themselves: pause at the top, glide to the bottom, pause,
// jump back. Moves the content with a transform (smooth at any scale; no scrollbars; rows are
// never duplicated, so each test id appears once). The loop runs only while content overflows.
import { onMounted, ref, type Ref } from 'vue';
import { useRafLoop } from './timers.ts';

export interface AutoScrollOptions {
  /** Design pixels per second. */
  speed?: number;
  /** Pause at the top and at the bottom, ms. */
  pauseMs?: number;
  /** While this returns a number, hold the content at that offset (e.g. to show a focused row). */
  hold?: () => number | null;
}

export function useAutoScroll(
  viewport: Ref<HTMLElement | null | undefined>,
  content: Ref<HTMLElement | null | undefined>,
  o: AutoScrollOptions = {},
) {
  const speed = o.speed ?? 28;
  const pauseMs = o.pauseMs ?? 4000;
  const overflowing = ref(false);
  let overflow = 0;
  let offset = 0;
  let phase: 'top' | 'moving' | 'bottom' = 'top';
  let phaseStart = -1;
  let last = -1;
  let checkedAt = -1;

  const apply = () => {
    if (content.value) content.value.style.transform = offset ? `translateY(${-offset.toFixed(2)}px)` : '';
  };
  const measure = () => {
    const v = viewport.value;
    const c = content.value;
    overflow = v && c ? Math.max(0, c.scrollHeight - v.clientHeight) : 0;
    overflowing.value = overflow > 1;
    // Its own compositor layer while it moves: each frame's glide is then a transform, not a repaint.
    if (c) c.style.willChange = overflowing.value ? 'transform' : '';
    if (!overflowing.value && offset) {
      offset = 0;
      phase = 'top';
      apply();
    }
  };

  const loop = useRafLoop((t) => {
    // Sizes change with data; a cheap check twice a second is enough.
    if (checkedAt < 0 || t - checkedAt > 500) {
      checkedAt = t;
      measure();
    }
    const dt = last < 0 ? 0 : Math.min(100, t - last);
    last = t;
    if (!overflowing.value) return;
    const held = o.hold?.() ?? null;
    if (held !== null) {
      const target = Math.max(0, Math.min(overflow, held));
      if (target !== offset) {
        offset = target;
        apply();
      }
      phase = 'top';
      phaseStart = t;
      return;
    }
    if (phaseStart < 0) phaseStart = t;
    if (phase === 'top') {
      if (t - phaseStart > pauseMs) {
        phase = 'moving';
        phaseStart = t;
      }
    } else if (phase === 'moving') {
      offset = Math.min(overflow, offset + (speed * dt) / 1000);
      if (offset >= overflow) {
        phase = 'bottom';
        phaseStart = t;
      }
      apply();
    } else if (t - phaseStart > pauseMs) {
      offset = 0;
      phase = 'top';
      phaseStart = t;
      apply();
    }
  });
  onMounted(loop.start);
  return { overflowing, measure };
}
