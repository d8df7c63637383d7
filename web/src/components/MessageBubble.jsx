import chatStore from '../services/chatStore.js';
import MessageMarks from './MessageMarks.jsx';
import { clockTime } from '../utils/time.js';

export default function MessageBubble({ message, mine, partner }) {
  const status = mine ? chatStore.statusOf(message) : null;
  return (
    <li
      className={`bubble-row ${mine ? 'bubble-row--mine' : 'bubble-row--theirs'}`}
      data-testid="message"
      data-from={message.from}
      data-status={status ?? 'received'}
      data-id={message.id ?? ''}
    >
      <div className={`bubble ${mine ? 'bubble--mine' : 'bubble--theirs'} ${status === 'failed' ? 'bubble--failed' : ''}`}>
        <p className="bubble__text" data-testid="message-text">
          {message.message}
        </p>
        <span className="bubble__meta">
          <time dateTime={message.timestamp}>{clockTime(message.timestamp)}</time>
          {mine && <MessageMarks status={status} />}
        </span>
      </div>
      {status === 'failed' && (
        <div className="bubble__failure" role="alert">
          <span>{message.error || 'Not sent'}</span>
          <button
            type="button"
            className="button button--small button--ghost"
            onClick={() => chatStore.retry(partner, message.clientId)}
            data-testid="retry-button"
          >
            Retry
          </button>
        </div>
      )}
    </li>
  );
}
