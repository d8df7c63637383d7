import { useEffect, useState } from 'react';
import socketService from '../services/socketService.js';
import presenceStore from '../services/presenceStore.js';
import { api } from '../services/api.js';
import { usePresence } from '../hooks/usePresence.js';
import Field from './Field.jsx';
import Notice from './Notice.jsx';
import StatusBulb from './StatusBulb.jsx';

const CHOICES = [
  { value: 'online', label: 'Online', hint: 'Available to chat' },
  { value: 'away', label: 'Away', hint: 'Back in a while' },
  { value: 'busy', label: 'Busy', hint: 'Do not disturb' },
];

/** Lets me choose how others see me: online, away or busy, with an optional note. */
export default function StatusSelector({ username }) {
  const presence = usePresence(username);
  const current = CHOICES.some((c) => c.value === presence.status) ? presence.status : 'online';
  const [status, setStatus] = useState(current);
  const [text, setText] = useState(presence.statusText ?? '');
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState(null);
  const [error, setError] = useState(null);

  useEffect(() => {
    setStatus(current);
    setText(presence.statusText ?? '');
  }, [current, presence.statusText]);

  async function save(e) {
    e.preventDefault();
    setSaving(true);
    setError(null);
    setMessage(null);
    const note = status === 'online' ? '' : text.trim();
    try {
      // The socket is the live path; REST does the same when the socket is down.
      const answer = socketService.connected
        ? await socketService.setStatus(status, note)
        : await api.setStatus(status, note || undefined);
      presenceStore.put(username, {
        ...presenceStore.get(username),
        online: true,
        status: answer.status,
        statusText: answer.statusText ?? null,
      });
      setMessage('Status updated');
    } catch (err) {
      setError(err.message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="card status-selector" onSubmit={save} aria-labelledby="status-heading">
      <h2 id="status-heading" className="card__title">
        Your status <StatusBulb presence={presence} variant="large" />
      </h2>
      <fieldset className="segmented">
        <legend className="visually-hidden">Status</legend>
        {CHOICES.map((c) => (
          <label key={c.value} className={`segmented__option ${status === c.value ? 'is-selected' : ''}`}>
            <input
              type="radio"
              name="status"
              value={c.value}
              checked={status === c.value}
              onChange={() => setStatus(c.value)}
            />
            <span className={`segmented__dot segmented__dot--${c.value}`} aria-hidden="true" />
            <span>
              <strong>{c.label}</strong>
              <small>{c.hint}</small>
            </span>
          </label>
        ))}
      </fieldset>
      {status !== 'online' && (
        <Field
          label="Status note (optional)"
          maxLength={100}
          placeholder={status === 'busy' ? 'In a meeting' : 'Back at 6'}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      )}
      <Notice>{error}</Notice>
      {message && (
        <p className="form-success" role="status">
          {message}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={saving}>
        {saving ? 'Saving…' : 'Set status'}
      </button>
    </form>
  );
}
