// Connects the live store for this page: the socket (the URL's token for this page load, else the
// browser's session or paired-wall cookie) or demo mode.
// Call once from App's setup (it provides the socket to descendants); everything is undone with
// that scope.
import { onScopeDispose, provide } from 'vue';
import { LIVE_SOCKET_KEY } from '../api/focus.ts';
import type { PageParams } from '../params.ts';
import { useLiveStore } from '../stores/live.ts';
import { startDemo, useDemoPatches } from './demo.ts';
import { bindLive, createLiveSocket } from './socket.ts';

export function useLiveConnection(params: PageParams) {
  const store = useLiveStore();
  if (params.demo) {
    void startDemo(store);
    if (params.demoLive) useDemoPatches(store);
    return store;
  }
  // A quiet night has minutes between entries: a wall can wait longer before it says so (silent=…).
  if (params.streamSilentSec !== null) store.configure({ streamSilentMs: params.streamSilentSec * 1000 });
  const socket = createLiveSocket({ token: params.token, wall: params.wall });
  const unbind = bindLive(store, socket);
  onScopeDispose(unbind);
  // Views that send commands (the leader's focus:set / focus:release) reuse this connection.
  provide(LIVE_SOCKET_KEY, socket);
  return store;
}
