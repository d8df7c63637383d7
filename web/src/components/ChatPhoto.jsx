import { useRef, useState } from 'react';
import useChatPhoto from '../hooks/useChatPhoto.js';

const THUMB_PX = 220;

/** A photo in a chat bubble: a square thumbnail that opens the large photo in a dialog. */
export default function ChatPhoto({ photo, senderName }) {
  const thumb = useChatPhoto(photo.thumbUrl);
  const dialog = useRef(null);
  const [open, setOpen] = useState(false);
  const large = useChatPhoto(open ? photo.url : null);
  const alt = `Photo from ${senderName}`;

  function show() {
    setOpen(true);
    dialog.current?.showModal();
  }

  return (
    <>
      <button
        type="button"
        className="chat-photo"
        onClick={show}
        aria-label={`Open ${alt.toLowerCase()}`}
        data-testid="chat-photo"
      >
        {thumb.src ? (
          <img src={thumb.src} alt={alt} width={THUMB_PX} height={THUMB_PX} data-testid="chat-photo-thumb" />
        ) : (
          <span className="chat-photo__placeholder">{thumb.error ? 'Photo not available' : 'Loading photo…'}</span>
        )}
      </button>
      <dialog
        ref={dialog}
        className="photo-gallery__dialog"
        onClose={() => setOpen(false)}
        aria-label={alt}
        data-testid="chat-photo-dialog"
      >
        {open && large.src && <img src={large.src} alt={alt} width={photo.width} height={photo.height} />}
        {open && !large.src && <p className="chat-photo__loading">{large.error ?? 'Loading photo…'}</p>}
        <form method="dialog">
          <button type="submit" className="button button--ghost">
            Close
          </button>
        </form>
      </dialog>
    </>
  );
}
