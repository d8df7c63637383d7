import { useEffect, useRef, useState } from 'react';
import chatStore, { countsUnread } from '../services/chatStore.js';

/** Older pages fetched to find the first unread message before settling for the oldest loaded. */
const MAX_MESSAGES_SEARCHED = 600;
const PENDING = Object.freeze({ resolved: false, anchorId: null, count: 0 });
const NONE = Object.freeze({ resolved: true, anchorId: null, count: 0 });

/**
 * Where the "N unread messages" divider goes: above the first message from `partner` that was
 * unread when the conversation was opened. Decided once and kept until the conversation is left,
 * because being on screen marks everything read at once.
 *
 * The count is the conversation list's (taken before opening marks it read); when that list had
 * not loaded yet (a reload straight into a chat), the read marks of the first history page say it.
 */
export default function useUnreadMarker(partner, me, thread) {
  const [unreadAtOpen] = useState(() => chatStore.unreadFrom(partner));
  const decided = useRef(null);

  let found = decided.current;
  if (!found) {
    found = locate(thread, unreadAtOpen, me);
    if (found.resolved) decided.current = found;
  }

  const needsOlder = !found.resolved && found.needsOlder;
  useEffect(() => {
    if (needsOlder) chatStore.loadOlder(partner);
  }, [needsOlder, partner, thread.nextBefore]);

  return found.resolved ? found : PENDING;
}

function locate(thread, unread, me) {
  if (thread.error) return NONE;
  if (!thread.loaded || thread.loading) return { ...PENDING, needsOlder: false };
  const received = thread.messages.filter((m) => m.id != null && countsUnread(m, me));
  if (unread == null) {
    // the server's read marks: unread messages are the ones after the last one read
    let first = received.length;
    while (first > 0 && !received[first - 1].readAt) first--;
    if (first === received.length) return NONE;
    return { resolved: true, anchorId: received[first].id, count: received.length - first };
  }
  if (unread === 0) return NONE;
  if (received.length >= unread) {
    return { resolved: true, anchorId: received[received.length - unread].id, count: unread };
  }
  if (thread.nextBefore != null && thread.messages.length < MAX_MESSAGES_SEARCHED) {
    return { ...PENDING, needsOlder: true };
  }
  return received.length ? { resolved: true, anchorId: received[0].id, count: unread } : NONE;
}
