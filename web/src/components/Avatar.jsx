import StatusBulb from './StatusBulb.jsx';

/** A round profile picture, optionally with the status bulb at its bottom-right. */
export default function Avatar({ src, name, size = 64, presence, showBulb = false, bulbVariant = 'card' }) {
  return (
    <span className="avatar" style={{ width: size, height: size }}>
      <img
        className="avatar__img"
        src={src}
        alt=""
        width={size}
        height={size}
        loading="lazy"
        onError={(e) => {
          e.currentTarget.style.visibility = 'hidden';
        }}
      />
      <span className="avatar__fallback" aria-hidden="true">
        {initials(name)}
      </span>
      {showBulb && <StatusBulb presence={presence} variant={bulbVariant} className="avatar__bulb" />}
    </span>
  );
}

function initials(name = '') {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0].toUpperCase())
    .join('');
}
