// A list the leader's page reads from the API for a key (a scope, a department), refreshed while the
// page is open: when the key changes (the old request aborted, the old answer dropped), and when the
// live store brings a new message, at most every `minGapMs`, so the leader sees what the walls see.
import { onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue';
import { errorText } from '../../api/http.ts';
import { useTimeout } from '../../composables/timers.ts';
import { useLiveStore } from '../../stores/live.ts';

export function useLiveQuery<K, T>(
  key: Ref<K | null>,
  same: (a: K, b: K) => boolean,
  fetch: (k: K, signal: AbortSignal) => Promise<T>,
  empty: () => T,
  o: { minGapMs?: number } = {},
) {
  const minGapMs = o.minGapMs ?? 5000;
  const live = useLiveStore();
  const data = shallowRef<T>(empty());
  const loading = ref(false);
  const error = ref<string | null>(null);
  const loadedAt = ref<number | null>(null);
  let ctrl: AbortController | null = null;
  const later = useTimeout();

  async function load() {
    const k = key.value;
    ctrl?.abort();
    later.clear();
    if (k === null) return;
    const mine = (ctrl = new AbortController());
    loading.value = true;
    try {
      const answer = await fetch(k, mine.signal);
      if (mine.signal.aborted) return;
      data.value = answer;
      error.value = null;
      loadedAt.value = Date.now();
    } catch (e) {
      if (!mine.signal.aborted) error.value = errorText(e);
    } finally {
      if (ctrl === mine) loading.value = false;
    }
  }

  watch(
    key,
    (k, before) => {
      if (k !== null && before !== null && before !== undefined && same(k, before)) return;
      data.value = empty();
      error.value = null;
      void load();
    },
    { immediate: true },
  );

  // Live: a new message (snapshot or patch) means figures may have moved.
  watch(
    () => live.snapshot?.seq,
    () => {
      if (key.value === null || loading.value || later.pending) return;
      const since = loadedAt.value === null ? Infinity : Date.now() - loadedAt.value;
      if (since >= minGapMs) void load();
      else later.set(() => void load(), minGapMs - since);
    },
  );

  onScopeDispose(() => ctrl?.abort());

  return { data, loading, error, loadedAt, reload: load };
}
