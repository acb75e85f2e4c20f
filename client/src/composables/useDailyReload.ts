// A full page reload once a day at a given local time (reload=04:00), on the server-following
// clock. Postponed while the server is unreachable: reloading then would leave the wall on the
// browser's error page instead of the last good figures.
import { watch } from 'vue';
import { nextDailyAt } from '../lib/time.ts';
import type { LiveStore } from '../stores/live.ts';

export function useDailyReload(store: LiveStore, hm: string | null, reload: () => void = () => window.location.reload()) {
  if (!hm) return;
  let due: number | null = null;
  watch(
    () => [store.serverNowMs, store.connected || store.demo] as const,
    ([now, reachable]) => {
      if (due === null) {
        due = nextDailyAt(now, hm, store.timeZone);
        return;
      }
      if (now >= due && reachable) {
        due = nextDailyAt(now, hm, store.timeZone);
        reload();
      }
    },
    { immediate: true },
  );
}
