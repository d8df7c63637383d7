import { useEffect, useState } from 'react';
import { api } from '../services/api.js';
import { useInterestChanges } from '../hooks/useInterests.js';
import Icon from './Icon.jsx';

/**
 * On someone's profile: send an interest (or withdraw it, or answer theirs) and shortlist them.
 * Reloads when the server announces a change between us, from this tab or any other.
 */
export default function InterestActions({ profile, onError }) {
  const other = profile.username;
  const version = useInterestChanges(
    (e) => e.type === 'reconnected' || e.from === other || e.to === other || e.username === other,
  );
  const [state, setState] = useState(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    api
      .interestWith(other)
      .then((s) => !cancelled && setState(s))
      .catch((err) => !cancelled && onError(err.message));
    return () => {
      cancelled = true;
    };
  }, [other, version, onError]);

  async function act(work) {
    setBusy(true);
    onError(null);
    try {
      await work();
      setState(await api.interestWith(other));
    } catch (err) {
      onError(err.message);
    } finally {
      setBusy(false);
    }
  }

  if (!state) return null;
  const { sent, received, shortlisted } = state;
  const matched = sent?.status === 'accepted' || received?.status === 'accepted';
  let interest;
  if (matched) {
    interest = (
      <span className="interest-state interest-state--accepted" data-testid="interest-state">
        <Icon name="heart" size={16} /> Interest accepted
      </span>
    );
  } else if (received?.status === 'pending') {
    interest = (
      <>
        <button type="button" className="button button--primary" disabled={busy} onClick={() => act(() => api.acceptInterest(other))}>
          Accept interest
        </button>
        <button type="button" className="button button--ghost" disabled={busy} onClick={() => act(() => api.declineInterest(other))}>
          Decline
        </button>
      </>
    );
  } else if (sent) {
    interest = (
      <>
        <span className="interest-state" data-testid="interest-state">
          {sent.status === 'declined' ? 'Interest declined' : 'Interest sent'}
        </span>
        <button type="button" className="button button--ghost" disabled={busy} onClick={() => act(() => api.withdrawInterest(other))}>
          Withdraw
        </button>
      </>
    );
  } else {
    interest = (
      <button
        type="button"
        className="button button--primary"
        disabled={busy}
        data-testid="send-interest"
        onClick={() => act(() => api.sendInterest(other))}
      >
        <Icon name="heart" size={18} /> Send interest
      </button>
    );
  }
  return (
    <>
      {interest}
      <button
        type="button"
        className="button button--ghost"
        disabled={busy}
        aria-pressed={shortlisted}
        data-testid="shortlist-button"
        onClick={() => act(() => (shortlisted ? api.removeFromShortlist(other) : api.addToShortlist(other)))}
      >
        {shortlisted ? 'Shortlisted ✓' : 'Shortlist'}
      </button>
    </>
  );
}
