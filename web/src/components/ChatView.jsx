import { Fragment, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import chatStore from '../services/chatStore.js';
import useAuth from '../hooks/useAuth.js';
import { usePresence } from '../hooks/usePresence.js';
import { useIsTyping, useThread } from '../hooks/useChat.js';
import usePageVisible from '../hooks/usePageVisible.js';
import useNow from '../hooks/useNow.js';
import useUnreadMarker from '../hooks/useUnreadMarker.js';
import useStickToBottom from '../hooks/useStickToBottom.js';
import Avatar from './Avatar.jsx';
import ReportButton from './ReportButton.jsx';
import MessageBubble from './MessageBubble.jsx';
import MessageComposer from './MessageComposer.jsx';
import Spinner from './Spinner.jsx';
import Notice from './Notice.jsx';
import Icon from './Icon.jsx';
import CallButtons from './CallButtons.jsx';
import UnreadDivider from './UnreadDivider.jsx';
import JumpToLatest from './JumpToLatest.jsx';
import { ReplyBar } from './ReplyQuote.jsx';
import PhotoAttach from './PhotoAttach.jsx';
import { previewText, quoteOf } from '../utils/quote.js';
import RequestBanner from './RequestBanner.jsx';
import { presenceLabel } from '../utils/presenceText.js';
import { dayLabel } from '../utils/time.js';

/** One conversation: history (older pages load on scrolling up), typing, marks and the composer. */
export default function ChatView({ partner }) {
  const { user } = useAuth();
  const thread = useThread(partner.username);
  const typing = useIsTyping(partner.username);
  const presence = usePresence(partner.username);
  const visible = usePageVisible();
  const now = useNow(30_000);
  const unread = useUnreadMarker(partner.username, user.username, thread);
  const scroll = useStickToBottom({ partner: partner.username, me: user.username, thread, typing, unread });
  const [announcement, setAnnouncement] = useState('');
  const [replyingTo, setReplyingTo] = useState(null);
  const firstName = partner.displayName.split(' ')[0];

  useEffect(() => {
    chatStore.openThread(partner.username);
    setReplyingTo(null);
  }, [partner.username]);

  // Being on screen is what marks their messages read.
  useEffect(() => {
    chatStore.setActive(partner.username, visible);
    return () => chatStore.setActive(null, visible);
  }, [partner.username, visible]);

  useEffect(
    () =>
      chatStore.onIncoming((m) => {
        if (m.from === partner.username) setAnnouncement(`${partner.displayName}: ${previewText(m, user.username)}`);
      }),
    [partner.username, partner.displayName],
  );

  const messages = thread.messages;

  function cancelReply() {
    setReplyingTo(null);
  }

  return (
    <section className="chat" aria-label={`Conversation with ${partner.displayName}`} data-testid="chat-view">
      <header className="chat__header">
        <Link to="/messages" className="icon-button chat__back" aria-label="All conversations">
          <Icon name="back" />
        </Link>
        <Avatar src={partner.avatarUrl} name={partner.displayName} size={44} presence={presence} showBulb bulbVariant="inline" />
        <div className="chat__who">
          <Link to={`/profile/${partner.username}`} className="chat__name">
            {partner.displayName}
          </Link>
          <span className="chat__presence" data-testid="chat-presence">
            {typing ? <span className="chat__typing-inline">typing…</span> : presenceLabel(presence, now)}
          </span>
        </div>
        <CallButtons peer={partner} />
        <ReportButton
          username={partner.username}
          displayName={partner.displayName}
          where="chat"
          className="button button--ghost button--small chat__report"
        />
      </header>

      <div
        className="chat__scroller"
        ref={scroll.scrollerRef}
        onScroll={scroll.onScroll}
        tabIndex={0}
        role="region"
        aria-label="Messages"
        data-testid="chat-scroller"
      >
        {thread.loading && <Spinner label={thread.loaded ? 'Loading earlier messages…' : 'Loading messages…'} />}
        {thread.loaded && thread.nextBefore == null && messages.length > 0 && (
          <p className="chat__start">This is the beginning of your conversation with {firstName}.</p>
        )}
        <Notice>{thread.error}</Notice>
        {thread.loaded && messages.length === 0 && (
          <div className="chat__empty">
            <Avatar src={partner.avatarUrl} name={partner.displayName} size={88} />
            <p>
              Say hello to <strong>{firstName}</strong>. A warm, specific first message works best.
            </p>
          </div>
        )}
        <ol className="chat__messages" ref={scroll.contentRef} data-testid="message-list">
          {messages.map((m, i) => {
            const day = m.timestamp ? dayLabel(m.timestamp) : null;
            const prevDay = i > 0 && messages[i - 1].timestamp ? dayLabel(messages[i - 1].timestamp) : null;
            return (
              <Fragment key={m.clientId && m.from === user.username ? `c-${m.clientId}` : `i-${m.id}`}>
                {day && day !== prevDay && (
                  <li className="chat__day" aria-hidden="true">
                    <span>{day}</span>
                  </li>
                )}
                {unread.anchorId != null && m.id === unread.anchorId && <UnreadDivider count={unread.count} />}
                <MessageBubble
                  message={m}
                  mine={m.from === user.username}
                  partner={partner.username}
                  onReply={(original) => setReplyingTo(quoteOf(original))}
                />
              </Fragment>
            );
          })}
        </ol>
        {typing && (
          <p className="typing" data-testid="typing-indicator">
            <span className="typing__dots" aria-hidden="true">
              <span />
              <span />
              <span />
            </span>
            {firstName} is typing…
          </p>
        )}
        {scroll.jump.shown && <JumpToLatest count={scroll.jump.count} onJump={scroll.jump.go} />}
      </div>

      <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="chat-announcer">
        {announcement}
      </div>

      <RequestBanner partner={partner} />
      {replyingTo && <ReplyBar quote={replyingTo} me={user.username} onCancel={cancelReply} />}
      <MessageComposer
        partner={partner.username}
        partnerName={firstName}
        attach={
          <PhotoAttach
            partner={partner.username}
            partnerName={firstName}
            replyTo={replyingTo}
            onSent={() => {
              scroll.stickToBottom();
              setReplyingTo(null);
            }}
          />
        }
        onSend={(text) => {
          scroll.stickToBottom();
          chatStore.send(partner.username, text, { replyTo: replyingTo });
          setReplyingTo(null);
        }}
      />
    </section>
  );
}
