// A token that arrives in the address (npm start's links, an admin's link for a person) is taken
// out of the address bar at once (history.replaceState: no reload, nothing left in history) and
// exchanged for this browser's session cookie; the page load that brought it keeps it in memory.
// Nothing here ever writes a token to storage.

/** The URL without its `token` parameter, before and after the hash; null when it has none. */
export function withoutToken(href: string): string | null {
  const url = new URL(href);
  let changed = false;
  if (url.searchParams.has('token')) {
    url.searchParams.delete('token');
    changed = true;
  }
  const hash = url.hash;
  const q = hash.indexOf('?');
  if (q >= 0) {
    const params = new URLSearchParams(hash.slice(q + 1));
    if (params.has('token')) {
      params.delete('token');
      const rest = params.toString();
      url.hash = hash.slice(0, q) + (rest ? `?${rest}` : '');
      changed = true;
    }
  }
  return changed ? url.toString() : null;
}

/** Removes the token from the address bar now; answers whether there was one. */
export function stripTokenFromAddress(win: Pick<Window, 'location' | 'history'> = window): boolean {
  const clean = withoutToken(win.location.href);
  if (clean === null) return false;
  win.history.replaceState(win.history.state, '', clean);
  return true;
}

/** Whether this page's route is the wall (the default route), where a page with no credential pairs. */
export function isWallRoute(hash: string = window.location.hash): boolean {
  const path = hash.replace(/^#/, '').split('?')[0] || '/';
  return !/^\/(leader|rankings|admin)(\/|$)/.test(path);
}
