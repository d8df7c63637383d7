import { useState } from 'react';
import chatStore from '../services/chatStore.js';
import MessageMarks from './MessageMarks.jsx';
import { clockTime } from '../utils/time.js';
import { callEntryText } from '../utils/callText.js';
import Icon from './Icon.jsx';
import ReplyQuote from './ReplyQuote.jsx';
import ChatPhoto from './ChatPhoto.jsx';
import MessageActions from './MessageActions.jsx';
import { ReactionChips } from './Reactions.jsx';

export default function MessageBubble({ message, mine, partner, onReply }) {
  const [problem, setProblem] = useState(null);
  if (message.call) return <CallEntry message={message} mine={mine} />;
  const status = mine ? chatStore.statusOf(message) : null;
  const me = mine ? message.from : message.to;
  const react = { message, me, onError: setProblem };
  return (
    <li
      className={`bubble-row ${mine ? 'bubble-row--mine' : 'bubble-row--theirs'}`}
      data-testid="message"
      data-from={message.from}
      data-status={status ?? 'received'}
      data-id={message.id ?? ''}
    >
      <div className="bubble-line">
        <div
          className={`bubble ${mine ? 'bubble--mine' : 'bubble--theirs'} ${status === 'failed' ? 'bubble--failed' : ''} ${message.photo ? 'bubble--photo' : ''}`}
        >
          {message.replyTo && <ReplyQuote quote={message.replyTo} me={me} />}
          {message.photo && <ChatPhoto photo={message.photo} senderName={mine ? 'you' : chatStore.displayNameOf(message.from)} />}
          {message.message && (
            <p className="bubble__text" data-testid="message-text">
              {message.message}
            </p>
          )}
          <span className="bubble__meta">
            <time dateTime={message.timestamp}>{clockTime(message.timestamp)}</time>
            {mine && <MessageMarks status={status} />}
          </span>
        </div>
        <MessageActions {...react} onReply={onReply} />
      </div>
      <ReactionChips {...react} />
      {problem && (
        <p className="bubble__problem" role="alert">
          {problem}
        </p>
      )}
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

/** A call in the conversation: "Missed video call", "Voice call · 4:12". */
function CallEntry({ message, mine }) {
  const { call } = message;
  const missed = call.missed && !mine;
  return (
    <li
      className={`bubble-row ${mine ? 'bubble-row--mine' : 'bubble-row--theirs'}`}
      data-testid="call-entry"
      data-reason={call.reason}
      data-id={message.id ?? ''}
    >
      <div className={`call-entry ${missed ? 'call-entry--missed' : ''}`}>
        <span className="call-entry__icon" aria-hidden="true">
          <Icon name={call.kind === 'video' ? 'video' : 'phone'} size={18} />
        </span>
        <span className="call-entry__text" data-testid="call-entry-text">
          {callEntryText(call, mine)}
        </span>
        <time className="call-entry__time" dateTime={message.timestamp}>
          {clockTime(message.timestamp)}
        </time>
      </div>
    </li>
  );
}
