import Icon from './Icon.jsx';

/** A tap or click leaves the focus where it was: the message field keeps a phone's keyboard open. */
const keepFocus = (e) => e.preventDefault();

/** The floating button of a conversation scrolled up: back to the newest message, with how many came in below. */
export default function JumpToLatest({ count, onJump }) {
  const label = count > 0 ? `Jump to latest, ${count} new ${count === 1 ? 'message' : 'messages'}` : 'Jump to latest message';
  return (
    <button
      type="button"
      className="jump-latest"
      onMouseDown={keepFocus}
      onClick={onJump}
      aria-label={label}
      title="Jump to latest"
      data-testid="jump-to-latest"
    >
      <Icon name="down" size={22} />
      {count > 0 && (
        <span className="badge jump-latest__count" data-testid="jump-count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      )}
    </button>
  );
}
