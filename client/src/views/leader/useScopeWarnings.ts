// The red and yellow lists of a district or department (GET /api/v1/warnings?district=…|deptId=…),
// refreshed while the page is open (useLiveQuery): when the live store brings a new message, at most
// every `minGapMs`, so the leader sees what the walls see. Requests of a scope that was left are aborted.
import { computed, type Ref } from 'vue';
import type { BouncedItem, CoPartItem, WarningItem } from '@shared/contract/snapshot.ts';
import { useApi, type Api } from '../../api/http.ts';
import { useLiveQuery } from './useLiveQuery.ts';

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

const none = (): ScopeList => ({ items: [], total: null });

export function useScopeWarnings(scope: Ref<WarningScope | null>, o: { api?: Api; minGapMs?: number } = {}) {
  const api = o.api ?? useApi();
  const q = useLiveQuery(
    scope,
    (a, b) => a.district === b.district && a.deptId === b.deptId,
    async (s, signal) => {
      const q = { district: s.district, deptId: s.deptId, limit: SCOPE_LIMIT };
      const [r, y] = await Promise.all([api.warnings({ ...q, color: 'red' }, signal), api.warnings({ ...q, color: 'yellow' }, signal)]);
      return { red: { items: r.items, total: r.total }, yellow: { items: y.items, total: y.total } };
    },
    () => ({ red: none(), yellow: none() }),
    o,
  );
  const red = computed(() => q.data.value.red);
  const yellow = computed(() => q.data.value.yellow);
  return { red, yellow, loading: q.loading, error: q.error, loadedAt: q.loadedAt, reload: q.reload };
}

export interface DeptCoLists {
  /** Its co-handling parts open and past their deadline now. */
  late: { items: CoPartItem[]; total: number | null };
  /** Tickets not closed that it returned. */
  returned: { items: BouncedItem[]; total: number | null };
}

/** A department's co-handling parts past their deadline (GET /cohandling?overdue) and the tickets it returned (GET /returns). */
export function useDeptCoHandling(deptId: Ref<string | null>, o: { api?: Api; minGapMs?: number } = {}) {
  const api = o.api ?? useApi();
  return useLiveQuery<string, DeptCoLists>(
    deptId,
    (a, b) => a === b,
    async (id, signal) => {
      const [late, returned] = await Promise.all([
        api.cohandling({ deptId: id, overdue: true, limit: SCOPE_LIMIT }, signal),
        api.returns({ deptId: id, limit: SCOPE_LIMIT }, signal),
      ]);
      return { late, returned };
    },
    (): DeptCoLists => ({ late: { items: [], total: null }, returned: { items: [], total: null } }),
    o,
  );
}
