import useSocketState from '../hooks/useSocketState.js';

/** Shown while the live connection is down after having been up. */
export default function ConnectionBanner() {
  const state = useSocketState();
  if (state !== 'reconnecting') return null;
  return (
    <div className="connection-banner" role="status" data-testid="reconnecting-banner">
      <span className="connection-banner__spinner" aria-hidden="true" />
      Reconnecting… Messages you send now go out as soon as you are back.
    </div>
  );
}
