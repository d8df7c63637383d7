import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import chatStore, { countsUnread } from '../services/chatStore.js';

const NEAR_TOP_PX = 120;
/** Closer than this to the end counts as reading the newest messages. */
const NEAR_BOTTOM_PX = 160;
/** Room left above the unread divider when the chat opens on it. */
const DIVIDER_GAP_PX = 12;
/** How long a "jump to latest" scroll may take before the reader's own scrolling counts again. */
const JUMP_MS = 1200;

function keyOf(m) {
  return m?.id ?? m?.clientId;
}

function sizesOf(el) {
  return `${el.scrollHeight}x${el.clientHeight}x${el.clientWidth}`;
}

function newestId(messages) {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i].id != null) return messages[i].id;
  return 0;
}

/**
 * The scrolling of one conversation, as messaging apps do it. It opens on the unread divider when
 * that is above the fold, else at the newest message. At the bottom it stays at the bottom: new
 * messages, the typing line, a photo loading, the on-screen keyboard or a banner shrinking the
 * view. Scrolled up, nothing moves the view (older pages load above without a jump) and the
 * messages that arrive meanwhile are counted for the "jump to latest" button.
 *
 * `unread` is useUnreadMarker's answer; the divider must carry data-testid="unread-divider".
 */
export default function useStickToBottom({ partner, me, thread, typing, unread }) {
  const scrollerRef = useRef(null);
  const contentRef = useRef(null);
  const stick = useRef(true);
  const positioned = useRef(false);
  const prepend = useRef(null);
  const jumpingUntil = useRef(0);
  const newest = useRef(0);
  // the scroller's sizes when last measured: a scroll that comes with new sizes is a reflow
  const sizes = useRef('');
  // the newest message id the reader has had in view at the bottom; null: all of them
  const [seenUpTo, setSeenUpTo] = useState(null);
  const [atBottom, setAtBottom] = useState(true);
  const [farUp, setFarUp] = useState(false);

  const messages = thread.messages;
  newest.current = newestId(messages);
  const ready = thread.error != null || (thread.loaded && unread.resolved);

  function measure() {
    const el = scrollerRef.current;
    if (!el || !positioned.current) return;
    sizes.current = sizesOf(el);
    const distance = el.scrollHeight - el.scrollTop - el.clientHeight;
    const bottom = distance < NEAR_BOTTOM_PX;
    setAtBottom(bottom);
    setFarUp(distance > el.clientHeight);
    if (bottom) setSeenUpTo(newest.current);
  }

  function toBottom() {
    const el = scrollerRef.current;
    el.scrollTop = el.scrollHeight;
    stick.current = true;
  }

  function loadOlder() {
    const el = scrollerRef.current;
    if (!el || thread.loading || thread.nextBefore == null) return;
    prepend.current = { height: el.scrollHeight, top: el.scrollTop };
    chatStore.loadOlder(partner).finally(() => {
      // Nothing was prepended (an error, or an empty page): forget the saved position.
      if (prepend.current) requestAnimationFrame(() => (prepend.current = null));
    });
  }

  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (!el) return;
    if (!positioned.current) {
      if (!ready) return;
      positioned.current = true;
      prepend.current = null;
      const divider = unread.anchorId != null && el.querySelector('[data-testid="unread-divider"]');
      if (divider) {
        const top = divider.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop - DIVIDER_GAP_PX;
        if (top < el.scrollHeight - el.clientHeight) {
          // above the fold: open on it, the messages below it count as not yet seen
          el.scrollTop = top;
          stick.current = false;
          setSeenUpTo(unread.anchorId - 1);
          measure();
          return;
        }
      }
      toBottom();
      measure();
      return;
    }
    if (prepend.current) {
      // Older messages went in above: keep what was on screen where it was.
      el.scrollTop = el.scrollHeight - prepend.current.height + prepend.current.top;
      prepend.current = null;
      return;
    }
    const mineLast = messages.at(-1)?.from === me;
    if (stick.current || mineLast) toBottom();
    measure();
  }, [keyOf(messages[0]), keyOf(messages.at(-1)), typing, ready]); // eslint-disable-line react-hooks/exhaustive-deps

  // Anything else that changes the view's size or the content's height keeps a reader at the
  // bottom there: the keyboard opening, the window resized, a banner, a picture loading. A reader
  // scrolled up keeps what is at the bottom edge of the view, next to the composer, as apps do.
  useEffect(() => {
    const el = scrollerRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return undefined;
    let height = el.clientHeight;
    const observer = new ResizeObserver(() => {
      const shrunk = height - el.clientHeight;
      height = el.clientHeight;
      if (!positioned.current) return;
      if (stick.current) el.scrollTop = el.scrollHeight;
      else if (shrunk) el.scrollTop += shrunk;
      measure();
    });
    observer.observe(el);
    if (contentRef.current) observer.observe(contentRef.current);
    return () => observer.disconnect();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  // A first page shorter than the window leaves nothing to scroll: fetch more right away.
  useEffect(() => {
    const el = scrollerRef.current;
    if (el && thread.loaded && !thread.loading && !thread.error && thread.nextBefore != null && el.scrollHeight <= el.clientHeight) {
      loadOlder();
    }
  });

  function onScroll() {
    const el = scrollerRef.current;
    if (!positioned.current) return;
    const reflowed = sizesOf(el) !== sizes.current;
    // A narrower window wraps the messages onto more lines and the browser clamps or anchors the
    // scroll position, firing a scroll before the resize observer runs: that is not the reader
    // scrolling away, and a reader at the end stays there.
    if (reflowed && stick.current) {
      el.scrollTop = el.scrollHeight;
      measure();
      return;
    }
    const distance = el.scrollHeight - el.scrollTop - el.clientHeight;
    // a jump on its way down is not the reader scrolling away
    if (Date.now() < jumpingUntil.current && distance >= NEAR_BOTTOM_PX) return;
    jumpingUntil.current = 0;
    stick.current = distance < NEAR_BOTTOM_PX;
    measure();
    if (el.scrollTop < NEAR_TOP_PX) loadOlder();
  }

  function jumpToLatest(event) {
    const el = scrollerRef.current;
    if (!el) return;
    const button = event?.currentTarget;
    stick.current = true;
    const smooth = !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    jumpingUntil.current = smooth ? Date.now() + JUMP_MS : 0;
    el.scrollTo({ top: el.scrollHeight, behavior: smooth ? 'smooth' : 'auto' });
    // the button goes away at the bottom: a keyboard user's focus stays in the conversation
    if (button && button === document.activeElement) el.focus({ preventScroll: true });
  }

  const unseen =
    seenUpTo == null ? 0 : messages.filter((m) => m.id != null && m.id > seenUpTo && countsUnread(m, me)).length;

  return {
    scrollerRef,
    contentRef,
    onScroll,
    /** Follow the conversation to its newest message (after sending). */
    stickToBottom: () => (stick.current = true),
    jump: {
      shown: positioned.current && (farUp || (unseen > 0 && !atBottom)),
      count: unseen,
      go: jumpToLatest,
    },
  };
}
