import Icon from './Icon.jsx';
import { ReactionPicker } from './Reactions.jsx';

/**
 * Reply and React beside a stored message: shown on hover or when focus is inside the message,
 * always on touch screens (which have no hover).
 */
export default function MessageActions({ message, me, onReply, onError }) {
  if (message.id == null) return null;
  return (
    <div className="message-actions" data-testid="message-actions">
      {onReply && (
        <button
          type="button"
          className="message-action"
          aria-label="Reply"
          onClick={() => onReply(message)}
          data-testid="reply-button"
        >
          <Icon name="reply" size={17} />
        </button>
      )}
      <ReactionPicker message={message} me={me} onError={onError} />
    </div>
  );
}
