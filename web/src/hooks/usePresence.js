import { useEffect, useSyncExternalStore } from 'react';
import presenceStore from '../services/presenceStore.js';

const subscribe = (cb) => presenceStore.subscribe(cb);

/**
 * The live presence of one user: `{online, status, statusText, lastSeen}`. While the component
 * is mounted the user is watched, so the socket hears about them.
 */
export function usePresence(username) {
  useEffect(() => presenceStore.watch(username), [username]);
  return useSyncExternalStore(subscribe, () => presenceStore.get(username));
}

/** The number of users online, or null before the server said. */
export function useOnlineCount() {
  return useSyncExternalStore(subscribe, () => presenceStore.onlineCount);
}
