import { useSyncExternalStore } from 'react';
import chatStore from '../services/chatStore.js';

const subscribe = (cb) => chatStore.subscribe(cb);

export function useConversations() {
  return useSyncExternalStore(subscribe, () => chatStore.getConversations());
}

export function useConversationsLoaded() {
  return useSyncExternalStore(subscribe, () => chatStore.conversationsLoaded);
}

export function useThread(withUser) {
  return useSyncExternalStore(subscribe, () => chatStore.getThread(withUser));
}

export function useIsTyping(withUser) {
  return useSyncExternalStore(subscribe, () => chatStore.isTyping(withUser));
}

export function useUnreadTotal() {
  return useSyncExternalStore(subscribe, () => chatStore.unreadTotal());
}

/** The longest message the server accepts (known once a history page has said it). */
export function useMessageMaxLength() {
  return useSyncExternalStore(subscribe, () => chatStore.messageMaxLength);
}
