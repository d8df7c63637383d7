import { useSyncExternalStore } from 'react';
import callStore from '../services/callStore.js';

/** The call of this tab (see callStore), re-rendering on every change. */
export default function useCall() {
  return useSyncExternalStore(
    (listener) => callStore.subscribe(listener),
    () => callStore.getState(),
  );
}
