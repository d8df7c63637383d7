import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../services/api.js';
import { usePageTitle } from '../hooks/useDocumentTitle.js';
import { useInterestChanges } from '../hooks/useInterests.js';
import Avatar from '../components/Avatar.jsx';
import Spinner from '../components/Spinner.jsx';
import Notice from '../components/Notice.jsx';
import EmptyState from '../components/EmptyState.jsx';

const TABS = [
  { id: 'received', label: 'Interests received', empty: 'No one has sent you an interest yet.' },
  { id: 'sent', label: 'Interests sent', empty: 'You have not sent an interest yet. Open a profile and press “Send interest”.' },
  { id: 'accepted', label: 'Accepted', empty: 'No accepted interests yet.' },
  { id: 'shortlisted', label: 'Shortlisted', empty: 'Your shortlist is empty. Press “Shortlist” on a profile to keep it here.' },
];

const STATUS_WORDS = { pending: 'Waiting for an answer', accepted: 'Accepted', declined: 'Declined' };

/** Interests received, sent and accepted, and the shortlist; live as changes arrive. */
export default function InterestsPage() {
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((t) => t.id === params.get('tab')) ?? TABS[0];
  const version = useInterestChanges();
  usePageTitle(tab.label);
  const [items, setItems] = useState(null);
  const [error, setError] = useState(null);

  useEffect(() => {
    let cancelled = false;
    setError(null);
    const load = tab.id === 'shortlisted' ? api.shortlist() : api.interests(tab.id);
    load
      .then(({ items: found }) => !cancelled && setItems(found))
      .catch((err) => !cancelled && setError(err.message));
    return () => {
      cancelled = true;
    };
  }, [tab.id, version]);

  async function act(work) {
    setError(null);
    try {
      await work();
      // the server's interest_update / shortlist_update reloads the list
    } catch (err) {
      setError(err.message);
    }
  }

  return (
    <main className="page page--interests" id="main">
      <h1 className="page__title">Interests</h1>
      <div className="interest-tabs" role="tablist" aria-label="Interests">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={t.id === tab.id}
            className="interest-tabs__tab"
            data-testid={`tab-${t.id}`}
            onClick={() => {
              setItems(null);
              setParams({ tab: t.id });
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <Notice>{error}</Notice>
      <section role="tabpanel" aria-label={tab.label} data-testid="interest-list">
        {items === null ? (
          <Spinner label="Loading…" />
        ) : items.length === 0 ? (
          <EmptyState title={tab.label} icon="💌">
            {tab.empty}
          </EmptyState>
        ) : (
          <ul className="interest-list">
            {items.map((item) => {
              const person = tab.id === 'shortlisted' ? item : item.with;
              return (
                <li key={person.username} className="card interest-row" data-testid="interest-row" data-username={person.username}>
                  <Link to={`/profile/${person.username}`} className="interest-row__who">
                    <Avatar src={person.avatarUrl} name={person.displayName} size={56} />
                    <span>
                      <strong>{person.displayName}</strong>
                      <span className="interest-row__meta">
                        {[person.age != null && `${person.age} yrs`, person.city, person.occupation].filter(Boolean).join(' · ')}
                      </span>
                      {tab.id !== 'shortlisted' && (
                        <span className={`interest-row__status interest-row__status--${item.status}`} data-testid="interest-status">
                          {STATUS_WORDS[item.status]}
                        </span>
                      )}
                    </span>
                  </Link>
                  <div className="interest-row__actions">
                    <Actions tab={tab.id} item={item} person={person} act={act} />
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </main>
  );
}

function Actions({ tab, item, person, act }) {
  const name = person.username;
  if (tab === 'shortlisted') {
    return (
      <button type="button" className="button button--ghost button--small" onClick={() => act(() => api.removeFromShortlist(name))}>
        Remove
      </button>
    );
  }
  if (tab === 'received' && item.status === 'pending') {
    return (
      <>
        <button type="button" className="button button--primary button--small" onClick={() => act(() => api.acceptInterest(name))}>
          Accept
        </button>
        <button type="button" className="button button--ghost button--small" onClick={() => act(() => api.declineInterest(name))}>
          Decline
        </button>
      </>
    );
  }
  if (tab === 'sent' && item.status !== 'accepted') {
    return (
      <button type="button" className="button button--ghost button--small" onClick={() => act(() => api.withdrawInterest(name))}>
        Withdraw
      </button>
    );
  }
  if (item.status === 'accepted') {
    return (
      <Link to={`/messages/${name}`} className="button button--primary button--small">
        Message
      </Link>
    );
  }
  return null;
}
