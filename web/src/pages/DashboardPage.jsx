import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { NEW_ACCOUNT_KEY } from './RegisterPage.jsx';
import { api } from '../services/api.js';
import presenceStore from '../services/presenceStore.js';
import useAuth from '../hooks/useAuth.js';
import { useOnlineCount } from '../hooks/usePresence.js';
import { useUnreadTotal } from '../hooks/useChat.js';
import ProfileCard from '../components/ProfileCard.jsx';
import SavedFiltersPanel from '../components/SavedFiltersPanel.jsx';
import Pager from '../components/Pager.jsx';
import Spinner from '../components/Spinner.jsx';
import Notice from '../components/Notice.jsx';
import EmptyState from '../components/EmptyState.jsx';

const PAGE_SIZE = 12;

export default function DashboardPage() {
  const { user } = useAuth();
  // an account registered in this session is new here: not "welcome back"
  const isNew = sessionStorage.getItem(NEW_ACCOUNT_KEY) === user.username;
  const onlineCount = useOnlineCount();
  const unread = useUnreadTotal();
  const [params, setParams] = useSearchParams();
  const page = Math.max(0, Number(params.get('page')) || 0);
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  // moves when the saved filters change: the list is read again through them
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    const requestedAt = Date.now();
    setError(null);
    api
      .profiles(page, PAGE_SIZE)
      .then((data) => {
        if (cancelled) return;
        presenceStore.seedProfiles(data.items, requestedAt);
        setResult(data);
      })
      .catch((err) => !cancelled && setError(err.message));
    return () => {
      cancelled = true;
    };
  }, [page, version]);

  const firstName = user.displayName.split(' ')[0];
  // Everyone online but me.
  const othersOnline = onlineCount == null ? null : Math.max(0, onlineCount - 1);

  return (
    <main className="page" id="main">
      <section className="hero card">
        <div>
          <p className="hero__eyebrow">Dashboard</p>
          <h1 className="hero__title">
            {isNew ? 'Welcome' : 'Welcome back'}, {firstName}
          </h1>
          <p className="hero__lead">
            Members online now come first, then those active most recently. A green light means they are online
            right now.
          </p>
        </div>
        <div className="hero__stats">
          <div className="stat">
            <span className="stat__value">{othersOnline ?? '–'}</span>
            <span className="stat__label">others online</span>
          </div>
          <Link to="/messages" className="stat stat--link">
            <span className="stat__value">{unread}</span>
            <span className="stat__label">unread messages</span>
          </Link>
          <Link to="/search?online=true" className="button button--primary hero__cta">
            Who is online?
          </Link>
        </div>
      </section>

      {result && (
        <SavedFiltersPanel
          filters={result.filters}
          onSaved={() => {
            setParams({});
            setVersion((v) => v + 1);
          }}
        />
      )}

      <h2 className="section-title">Profiles for you</h2>
      <Notice>{error}</Notice>
      {!result && !error && <Spinner label="Loading profiles…" />}
      {result && result.items.length === 0 && (
        <EmptyState title={result.filters && Object.values(result.filters).some((v) => v != null) ? 'Nobody matches your filters' : 'No profiles yet'}>
          {result.filters && Object.values(result.filters).some((v) => v != null)
            ? 'Try a wider age range, or clear a filter.'
            : 'When people join Pulse, they show up here.'}
        </EmptyState>
      )}
      {result && result.items.length > 0 && (
        <>
          <div className="card-grid" data-testid="profile-grid">
            {result.items.map((p) => (
              <ProfileCard key={p.username} profile={p} />
            ))}
          </div>
          <Pager
            page={result.page}
            size={result.size}
            total={result.total}
            onPage={(p) => setParams(p ? { page: String(p) } : {})}
            label="Profile pages"
          />
        </>
      )}
    </main>
  );
}
