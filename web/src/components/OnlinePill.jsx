import { useOnlineCount } from '../hooks/usePresence.js';

/** "🟢 24 Online", frosted glass on the top bar. */
export default function OnlinePill() {
  const count = useOnlineCount();
  return (
    <div className="online-indicator" data-testid="online-pill" aria-live="polite">
      <span className="online-dot" aria-hidden="true" />
      <span data-testid="online-count">{count ?? '–'}</span>
      <span>Online</span>
    </div>
  );
}
