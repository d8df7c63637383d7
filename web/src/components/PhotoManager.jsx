import { useEffect, useRef, useState } from 'react';
import { api } from '../services/api.js';
import useAuth from '../hooks/useAuth.js';
import Notice from './Notice.jsx';

const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp'];

/**
 * My photos: upload (JPEG, PNG or WebP), choose the profile photo, delete. The server resizes each
 * upload and drops its metadata; what it answers is what everyone sees.
 */
export default function PhotoManager({ onChanged }) {
  const { setUser } = useAuth();
  const [gallery, setGallery] = useState(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [status, setStatus] = useState('');
  const input = useRef(null);

  async function reload(message) {
    const [photos, me] = await Promise.all([api.photos(), api.me()]);
    setGallery(photos);
    setUser(me);
    onChanged?.(me);
    if (message) setStatus(message);
  }

  useEffect(() => {
    let cancelled = false;
    api
      .photos()
      .then((g) => !cancelled && setGallery(g))
      .catch((err) => !cancelled && setError(err.message));
    return () => {
      cancelled = true;
    };
  }, []);

  async function act(work, message) {
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      await work();
      await reload(message);
    } catch (err) {
      setError(err.message);
    } finally {
      setBusy(false);
    }
  }

  function upload(e) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (!ACCEPTED.includes(file.type)) {
      setError('Choose a JPEG, PNG or WebP photo.');
      return;
    }
    if (gallery && file.size > gallery.maxBytes) {
      setError(`That photo is ${megabytes(file.size)}; photos can be at most ${megabytes(gallery.maxBytes)}.`);
      return;
    }
    act(() => api.uploadPhoto(file), 'Photo added');
  }

  const items = gallery?.items ?? [];
  const full = gallery && items.length >= gallery.max;
  return (
    <section className="card photo-manager" aria-labelledby="photos-heading" data-testid="photo-manager">
      <h2 id="photos-heading" className="card__title">
        Your photos
      </h2>
      <p className="photo-manager__hint">
        Members see your profile photo on your card, your profile and in chats.
        {gallery && ` Up to ${gallery.max} photos, JPEG, PNG or WebP, at most ${megabytes(gallery.maxBytes)} each.`}
      </p>
      {items.length > 0 && (
        <ul className="photo-manager__grid">
          {items.map((p) => (
            <li key={p.id} className="photo-manager__item" data-testid="my-photo" data-profile={p.profile}>
              <img src={p.thumbUrl} alt={p.profile ? 'Your profile photo' : 'One of your photos'} width="112" height="112" />
              {p.profile ? (
                <span className="photo-manager__badge">Profile photo</span>
              ) : (
                <button
                  type="button"
                  className="button button--ghost button--small"
                  disabled={busy}
                  onClick={() => act(() => api.makeProfilePhoto(p.id), 'Profile photo changed')}
                >
                  Use as profile photo
                </button>
              )}
              <button
                type="button"
                className="button button--link photo-manager__delete"
                disabled={busy}
                onClick={() => window.confirm('Delete this photo?') && act(() => api.deletePhoto(p.id), 'Photo deleted')}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        ref={input}
        type="file"
        accept={ACCEPTED.join(',')}
        className="visually-hidden"
        aria-label="Photo to upload"
        tabIndex={-1}
        id="photo-input"
        data-testid="photo-input"
        onChange={upload}
        disabled={busy || full}
      />
      <button
        type="button"
        className="button button--primary"
        onClick={() => input.current?.click()}
        disabled={busy || !gallery || full}
      >
        {busy ? 'Working…' : full ? 'Photo limit reached' : 'Upload a photo'}
      </button>
      <Notice>{error}</Notice>
      <p className="form-success" role="status">
        {status}
      </p>
    </section>
  );
}

function megabytes(bytes) {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 1 : 0)} MB`;
}
