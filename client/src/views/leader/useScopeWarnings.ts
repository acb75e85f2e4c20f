// The red and yellow lists of a district or department (GET /api/v1/warnings?district=…|deptId=…),
// refreshed while the page is open: when the live store brings a new message, at most every
// `minGapMs`, so the leader sees what the walls see. Requests of a scope that was left are aborted.
import { onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue';
import type { WarningItem } from '@shared/contract/snapshot.ts';
import { errorText, useApi, type Api } from '../../api/http.ts';
import { useTimeout } from '../../composables/timers.ts';
import { useLiveStore } from '../../stores/live.ts';

export interface WarningScope {
  district: string | null;
  deptId: string | null;
}

export interface ScopeList {
  items: WarningItem[];
  total: number | null;
}

/** Largest page the API gives by default (limits.warningsPage): the leader sees up to this many. */
export const SCOPE_LIMIT = 500;

export function useScopeWarnings(scope: Ref<WarningScope | null>, o: { api?: Api; minGapMs?: number } = {}) {
  const api = o.api ?? useApi();
  const minGapMs = o.minGapMs ?? 5000;
  const live = useLiveStore();
  const red = shallowRef<ScopeList>({ items: [], total: null });
  const yellow = shallowRef<ScopeList>({ items: [], total: null });
  const loading = ref(false);
  const error = ref<string | null>(null);
  const loadedAt = ref<number | null>(null);
  let ctrl: AbortController | null = null;
  const later = useTimeout();

  async function load() {
    const s = scope.value;
    ctrl?.abort();
    later.clear();
    if (!s) return;
    const mine = (ctrl = new AbortController());
    loading.value = true;
    try {
      const q = { district: s.district, deptId: s.deptId, limit: SCOPE_LIMIT };
      const [r, y] = await Promise.all([
        api.warnings({ ...q, color: 'red' }, mine.signal),
        api.warnings({ ...q, color: 'yellow' }, mine.signal),
      ]);
      if (mine.signal.aborted) return;
      red.value = { items: r.items, total: r.total };
      yellow.value = { items: y.items, total: y.total };
      error.value = null;
      loadedAt.value = Date.now();
    } catch (e) {
      if (!mine.signal.aborted) error.value = errorText(e);
    } finally {
      if (ctrl === mine) loading.value = false;
    }
  }

  watch(
    scope,
    (s, before) => {
      if (s && before && s.district === before.district && s.deptId === before.deptId) return;
      red.value = { items: [], total: null };
      yellow.value = { items: [], total: null };
      error.value = null;
      void load();
    },
    { immediate: true },
  );

  // Live: a new message (snapshot or patch) means figures may have moved.
  watch(
    () => live.snapshot?.seq,
    () => {
      if (!scope.value || loading.value || later.pending) return;
      const since = loadedAt.value === null ? Infinity : Date.now() - loadedAt.value;
      if (since >= minGapMs) void load();
      else later.set(() => void load(), minGapMs - since);
    },
  );

  onScopeDispose(() => ctrl?.abort());

  return { red, yellow, loading, error, reload: load };
}
