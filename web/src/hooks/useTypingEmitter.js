import { useCallback, useEffect, useRef } from 'react';
import socketService from '../services/socketService.js';

const RESEND_AFTER_MS = 2000;
const IDLE_AFTER_MS = 3000;

/**
 * Tells `partner` that I am typing: `isTyping: true` at most once every 2 s while keys are
 * pressed, and `false` once I stop (3 s idle), send, leave the field or the chat.
 */
export default function useTypingEmitter(partner) {
  const lastSentAt = useRef(0);
  const active = useRef(false);
  const idleTimer = useRef(null);

  const stop = useCallback(() => {
    clearTimeout(idleTimer.current);
    if (active.current) socketService.sendTyping(partner, false);
    active.current = false;
    lastSentAt.current = 0;
  }, [partner]);

  const typed = useCallback(
    (text) => {
      if (!text.trim()) {
        stop();
        return;
      }
      const now = Date.now();
      if (now - lastSentAt.current >= RESEND_AFTER_MS) {
        if (socketService.sendTyping(partner, true)) {
          lastSentAt.current = now;
          active.current = true;
        }
      }
      clearTimeout(idleTimer.current);
      idleTimer.current = setTimeout(stop, IDLE_AFTER_MS);
    },
    [partner, stop],
  );

  useEffect(() => stop, [stop]);

  return { typed, stop };
}
