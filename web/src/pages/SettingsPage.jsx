import { useState } from 'react';
import useAuth from '../hooks/useAuth.js';
import { api } from '../services/api.js';
import Field from '../components/Field.jsx';
import Notice from '../components/Notice.jsx';

/** The account's security: change the password, log out everywhere, delete the account. */
export default function SettingsPage() {
  return (
    <main className="page settings" id="main">
      <h1 className="page-title">Account settings</h1>
      <ChangePassword />
      <Sessions />
      <DeleteAccount />
    </main>
  );
}

function ChangePassword() {
  const [current, setCurrent] = useState('');
  const [fresh, setFresh] = useState('');
  const [error, setError] = useState(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(e) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await api.changePassword(current, fresh);
      setCurrent('');
      setFresh('');
      setDone(true);
    } catch (err) {
      setError(err.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card settings__card" aria-labelledby="password-title">
      <h2 className="card__title" id="password-title">
        Change password
      </h2>
      <form className="form" onSubmit={submit} data-testid="password-form">
        <Field
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          minLength={8}
          maxLength={128}
          required
          hint="8 to 128 characters. Your other devices will be signed out."
          value={fresh}
          onChange={(e) => setFresh(e.target.value)}
        />
        <Notice>{error}</Notice>
        {done && (
          <p className="form-success" role="status">
            Password changed. Your other devices were signed out.
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Saving…' : 'Change password'}
        </button>
      </form>
    </section>
  );
}

function Sessions() {
  const { logoutEverywhere } = useAuth();
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  async function everywhere() {
    setBusy(true);
    setError(null);
    try {
      await logoutEverywhere();
    } catch (err) {
      setError(err.message);
      setBusy(false);
    }
  }

  return (
    <section className="card settings__card" aria-labelledby="sessions-title">
      <h2 className="card__title" id="sessions-title">
        Signed-in devices
      </h2>
      <p className="settings__text">
        Lost a phone, or used a shared computer? End every session of your account, this one included.
      </p>
      <Notice>{error}</Notice>
      <button type="button" className="button button--ghost" onClick={everywhere} disabled={busy}>
        Log out everywhere
      </button>
    </section>
  );
}

function DeleteAccount() {
  const { deleteAccount } = useAuth();
  const [password, setPassword] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  async function submit(e) {
    e.preventDefault();
    if (!window.confirm('Delete your account, your profile and all your messages? This cannot be undone.')) return;
    setBusy(true);
    setError(null);
    try {
      await deleteAccount(password);
    } catch (err) {
      setError(err.message);
      setBusy(false);
    }
  }

  return (
    <section className="card settings__card settings__card--danger" aria-labelledby="delete-title">
      <h2 className="card__title" id="delete-title">
        Delete account
      </h2>
      <p className="settings__text">
        Your profile, your status and every message you sent or received are deleted, on every
        device, at once. Your username becomes free for anyone.
      </p>
      <form className="form" onSubmit={submit} data-testid="delete-form">
        <Field
          label="Password to confirm"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <Notice>{error}</Notice>
        <button type="submit" className="button button--danger" disabled={busy}>
          {busy ? 'Deleting…' : 'Delete my account'}
        </button>
      </form>
    </section>
  );
}
