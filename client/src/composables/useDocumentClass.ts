// Adds classes to <html> while the calling scope lives (e.g. the wall hides the cursor and
// scrollbars; the leader view, used with a mouse, does not).
import { onScopeDispose } from 'vue';

export function useDocumentClass(...classes: string[]) {
  const el = document.documentElement;
  const added = classes.filter((c) => !el.classList.contains(c));
  el.classList.add(...added);
  onScopeDispose(() => el.classList.remove(...added));
}
