import { useOnlineCount } from '../hooks/usePresence.js';

/**
 * "🟢 24 Online", frosted glass on the top bar. Not a live region: on a busy site the count
 * changes every few seconds, and a screen reader would read it out each time.
 */
export default function OnlinePill() {
  const count = useOnlineCount();
  return (
    <div className="online-indicator" data-testid="online-pill">
      <span className="online-dot" aria-hidden="true" />
      <span data-testid="online-count">{count ?? '–'}</span>
      <span>Online</span>
    </div>
  );
}
