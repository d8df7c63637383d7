import { useRef, useState } from 'react';

/** Another member's photos: thumbnails that open the large photo in a dialog. */
export default function PhotoGallery({ profile }) {
  const photos = profile.photos ?? [];
  const dialog = useRef(null);
  const [shown, setShown] = useState(null);
  if (photos.length === 0) return null;

  function open(photo) {
    setShown(photo);
    dialog.current?.showModal();
  }

  return (
    <section className="card photo-gallery" aria-labelledby="gallery-heading" data-testid="photo-gallery">
      <h2 id="gallery-heading" className="card__title">
        Photos
      </h2>
      <ul className="photo-gallery__grid">
        {photos.map((p, i) => (
          <li key={p.id}>
            <button type="button" className="photo-gallery__thumb" onClick={() => open(p)}>
              <img src={p.thumbUrl} alt={`Photo ${i + 1} of ${profile.displayName}`} width="120" height="120" loading="lazy" />
            </button>
          </li>
        ))}
      </ul>
      <dialog ref={dialog} className="photo-gallery__dialog" onClose={() => setShown(null)} aria-label="Photo">
        {shown && <img src={shown.url} alt={`${profile.displayName}`} width={shown.width} height={shown.height} />}
        <form method="dialog">
          <button type="submit" className="button button--ghost">
            Close
          </button>
        </form>
      </dialog>
    </section>
  );
}
