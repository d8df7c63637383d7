import { useRef, useState } from 'react';
import { api } from '../services/api.js';
import chatStore from '../services/chatStore.js';
import Icon from './Icon.jsx';

const TYPES = ['image/jpeg', 'image/png', 'image/webp'];

/**
 * The composer's photo button: the chosen photo is uploaded for `partner`, then sent as a message
 * (answering `replyTo` when a reply is under way).
 */
export default function PhotoAttach({ partner, partnerName, replyTo, onSent, disabled }) {
  const input = useRef(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);

  async function chosen(file) {
    setError(null);
    if (!TYPES.includes(file.type)) {
      setError('Choose a JPEG, PNG or WebP photo.');
      return;
    }
    setBusy(true);
    try {
      const photo = await api.uploadChatPhoto(partner, file);
      chatStore.send(partner, '', { photo, replyTo });
      onSent?.();
    } catch (err) {
      setError(err.code === 'rate_limited' ? 'Too many photos at once; try again in a little while.' : err.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="photo-attach">
      <button
        type="button"
        className="photo-attach__button"
        onClick={() => input.current?.click()}
        disabled={disabled || busy}
        aria-label={busy ? 'Sending photo…' : `Send a photo to ${partnerName}`}
        data-testid="photo-attach"
      >
        {busy ? <span className="photo-attach__spinner" aria-hidden="true" /> : <Icon name="camera" size={22} />}
      </button>
      <input
        ref={input}
        type="file"
        accept={TYPES.join(',')}
        className="visually-hidden"
        tabIndex={-1}
        aria-label={`Photo to send to ${partnerName}`}
        data-testid="chat-photo-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) chosen(file);
        }}
      />
      {error && (
        <p className="photo-attach__error" role="alert" data-testid="photo-attach-error">
          {error}
        </p>
      )}
    </div>
  );
}
