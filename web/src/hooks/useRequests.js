import { useSyncExternalStore } from 'react';
import chatStore from '../services/chatStore.js';

const subscribe = (cb) => chatStore.subscribe(cb);

/** The message requests waiting for my answer, newest first. */
export function useRequests() {
  return useSyncExternalStore(subscribe, () => chatStore.getRequests());
}

/** How many message requests wait for my answer. */
export function usePendingRequestCount() {
  return useSyncExternalStore(subscribe, () => chatStore.pendingRequestCount());
}

/** The request `username` sent me while it waits for my answer, else null. */
export function useRequestFrom(username) {
  return useSyncExternalStore(subscribe, () => chatStore.getRequest(username));
}

/** True while my first message to `username` waits in their requests. */
export function useRequestSent(username) {
  return useSyncExternalStore(subscribe, () => chatStore.isRequestSent(username));
}
