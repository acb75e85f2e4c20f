// Rotates between named views every N seconds (rotate=60), paused while `paused()` is true (a
// leader's focus). Driven by the store's clock, so it needs no timer of its own.
import { ref, watch, type Ref } from 'vue';

export function useRotation<T extends string>(
  views: readonly T[],
  seconds: number | null,
  now: () => number,
  paused: () => boolean = () => false,
): Ref<T> {
  const current = ref(views[0]) as Ref<T>;
  if (!seconds || views.length < 2) return current;
  let since = now();
  watch(now, (t) => {
    if (paused()) {
      current.value = views[0]!;
      since = t;
      return;
    }
    if (t - since >= seconds * 1000) {
      since = t;
      current.value = views[(views.indexOf(current.value) + 1) % views.length]!;
    }
  });
  return current;
}
