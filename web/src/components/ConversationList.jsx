import { NavLink } from 'react-router-dom';
import Avatar from './Avatar.jsx';
import { usePresence } from '../hooks/usePresence.js';
import { useIsTyping } from '../hooks/useChat.js';
import useAuth from '../hooks/useAuth.js';
import { timeAgo } from '../utils/time.js';
import { callEntryText } from '../utils/callText.js';
import { previewText } from '../utils/quote.js';

/**
 * Everyone I have talked to, most recent first, with their status and unread count; or, with
 * `requests`, the message requests waiting for my answer.
 */
export default function ConversationList({ conversations, now, requests = false }) {
  return (
    <ul className="conversation-list" data-testid={requests ? 'request-list' : 'conversation-list'}>
      {conversations.map((c) => (
        <ConversationItem key={c.with} conversation={c} now={now} request={requests} />
      ))}
    </ul>
  );
}

function ConversationItem({ conversation: c, now, request }) {
  const presence = usePresence(c.with);
  const typing = useIsTyping(c.with);
  const { user } = useAuth();
  const last = c.lastMessage;
  const preview = typing
    ? 'typing…'
    : last
      ? last.call
        ? callEntryText(last.call, last.from === user.username)
        : `${last.from === user.username ? 'You: ' : ''}${previewText(last, user.username)}`
      : 'Say hello 👋';
  return (
    <li>
      <NavLink
        to={request ? `/messages/${c.with}?tab=requests` : `/messages/${c.with}`}
        className={`conversation ${c.unread ? 'conversation--unread' : ''}`}
        data-testid={request ? 'request' : 'conversation'}
        data-username={c.with}
      >
        <Avatar src={c.avatarUrl} name={c.displayName} size={48} presence={presence} showBulb bulbVariant="inline" />
        <span className="conversation__body">
          <span className="conversation__top">
            <span className="conversation__name">{c.displayName}</span>
            {last?.timestamp && <span className="conversation__time">{timeAgo(last.timestamp, now)}</span>}
          </span>
          <span className="conversation__bottom">
            <span className={`conversation__preview ${typing ? 'conversation__preview--typing' : ''}`}>{preview}</span>
            {c.unread > 0 && (
              <span className="badge" data-testid="conversation-unread" aria-label={`${c.unread} unread`}>
                {c.unread}
              </span>
            )}
          </span>
        </span>
      </NavLink>
    </li>
  );
}
