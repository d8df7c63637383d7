import { useSyncExternalStore } from 'react';
import socketService from '../services/socketService.js';

/** idle, connecting, connected or reconnecting. */
export default function useSocketState() {
  return useSyncExternalStore(
    (cb) => socketService.subscribeState(cb),
    () => socketService.getState(),
  );
}
