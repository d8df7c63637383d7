import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../services/api.js';
import { usePageTitle } from '../hooks/useDocumentTitle.js';
import presenceStore from '../services/presenceStore.js';
import chatStore from '../services/chatStore.js';
import useAuth from '../hooks/useAuth.js';
import { usePresence } from '../hooks/usePresence.js';
import useNow from '../hooks/useNow.js';
import Avatar from '../components/Avatar.jsx';
import StatusBulb from '../components/StatusBulb.jsx';
import Spinner from '../components/Spinner.jsx';
import Notice from '../components/Notice.jsx';
import EmptyState from '../components/EmptyState.jsx';
import ProfileFacts from '../components/ProfileFacts.jsx';
import ProfileEditor from '../components/ProfileEditor.jsx';
import PhotoManager from '../components/PhotoManager.jsx';
import PhotoGallery from '../components/PhotoGallery.jsx';
import InterestActions from '../components/InterestActions.jsx';
import ReportButton from '../components/ReportButton.jsx';
import StatusSelector from '../components/StatusSelector.jsx';
import CallButtons from '../components/CallButtons.jsx';
import Icon from '../components/Icon.jsx';
import { presenceEmoji, presenceKind, presenceLabel } from '../utils/presenceText.js';

export default function ProfilePage() {
  const { username } = useParams();
  const { user } = useAuth();
  const own = username === user.username;
  const [profile, setProfile] = useState(null);
  const [error, setError] = useState(null);
  usePageTitle(own ? 'Your profile' : profile?.displayName ?? 'Profile');

  useEffect(() => {
    let cancelled = false;
    const requestedAt = Date.now();
    setProfile(null);
    setError(null);
    const load = own ? api.me() : api.profile(username);
    load
      .then((p) => {
        if (cancelled) return;
        presenceStore.seed(p.username, p.presence, requestedAt);
        setProfile(p);
      })
      .catch((err) => !cancelled && setError(err));
    return () => {
      cancelled = true;
    };
  }, [username, own]);

  if (error?.status === 404) {
    return (
      <main className="page" id="main">
        <EmptyState title="Profile not found" icon="🕊️">
          There is no one called “{username}” on Pulse. <Link to="/search">Search profiles</Link>
        </EmptyState>
      </main>
    );
  }
  if (error) {
    return (
      <main className="page" id="main">
        <Notice>{error.message}</Notice>
      </main>
    );
  }
  if (!profile) {
    return (
      <main className="page" id="main">
        <Spinner label="Loading profile…" />
      </main>
    );
  }

  return (
    <main className="page page--profile" id="main">
      <ProfileHeader profile={profile} own={own} />
      <div className="profile-columns">
        {own ? (
          <>
            <div className="profile-columns__side">
              <PhotoManager onChanged={setProfile} />
              <StatusSelector username={profile.username} />
              <ProfileFacts profile={profile} />
            </div>
            <ProfileEditor profile={profile} onSaved={setProfile} />
          </>
        ) : (
          <>
            <PhotoGallery profile={profile} />
            <ProfileFacts profile={profile} />
          </>
        )}
      </div>
    </main>
  );
}

function ProfileHeader({ profile, own }) {
  const presence = usePresence(profile.username);
  const now = useNow(30_000);
  return (
    <section className="card profile-header" aria-labelledby="profile-name">
      <div className="profile-header__banner" aria-hidden="true" />
      <div className="profile-header__body">
        <Avatar src={profile.avatarUrl} name={profile.displayName} size={128} />
        <div className="profile-header__text">
          <h1 id="profile-name" className="profile-header__name" data-testid="profile-name">
            {profile.displayName}
            {!own && <StatusBulb presence={presence} variant="large" />}
          </h1>
          {!own && (
            <p className={`presence-line presence-line--${presenceKind(presence)}`} data-testid="presence-text">
              <span aria-hidden="true">{presenceEmoji(presence)} </span>
              {presenceLabel(presence, now)}
            </p>
          )}
          <p className="profile-header__meta">
            {[profile.age != null && `${profile.age} years`, profile.city, profile.occupation].filter(Boolean).join(' · ')}
          </p>
        </div>
        {!own && <ProfileActions profile={profile} />}
      </div>
    </section>
  );
}

function ProfileActions({ profile }) {
  const [blocked, setBlocked] = useState(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);

  useEffect(() => {
    let cancelled = false;
    api
      .blocks()
      .then(({ items }) => !cancelled && setBlocked(items.some((b) => b.username === profile.username)))
      .catch(() => !cancelled && setBlocked(false));
    return () => {
      cancelled = true;
    };
  }, [profile.username]);

  async function toggleBlock() {
    if (!blocked && !window.confirm(`Block ${profile.displayName}? They will not be able to message you or see when you are online.`)) {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (blocked) await api.unblock(profile.username);
      else await api.block(profile.username);
      setBlocked(!blocked);
    } catch (err) {
      setError(err.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="profile-header__actions">
      <InterestActions profile={profile} onError={setError} />
      <Link
        to={`/messages/${profile.username}`}
        className="button button--ghost"
        onClick={() => chatStore.ensureConversation(profile)}
        data-testid="message-button"
      >
        <Icon name="chat" size={18} /> Message
      </Link>
      <CallButtons peer={profile} variant="text" />
      <button
        type="button"
        className="button button--ghost"
        onClick={toggleBlock}
        disabled={busy || blocked === null}
        data-testid="block-button"
        aria-pressed={Boolean(blocked)}
      >
        {blocked ? 'Unblock' : 'Block'}
      </button>
      <ReportButton username={profile.username} displayName={profile.displayName} where="profile" />
      <Notice>{error}</Notice>
    </div>
  );
}
