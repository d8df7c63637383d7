import { useSyncExternalStore } from 'react';
import presenceStore from '../services/presenceStore.js';

const subscribe = (cb) => presenceStore.subscribe(cb);

/** The live presence of one user: `{online, status, statusText, lastSeen}`. */
export function usePresence(username) {
  return useSyncExternalStore(subscribe, () => presenceStore.get(username));
}

/** The number of users online, or null before the server said. */
export function useOnlineCount() {
  return useSyncExternalStore(subscribe, () => presenceStore.onlineCount);
}
