import { Fragment, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import chatStore from '../services/chatStore.js';
import useAuth from '../hooks/useAuth.js';
import { usePresence } from '../hooks/usePresence.js';
import { useIsTyping, useThread } from '../hooks/useChat.js';
import usePageVisible from '../hooks/usePageVisible.js';
import useNow from '../hooks/useNow.js';
import Avatar from './Avatar.jsx';
import ReportButton from './ReportButton.jsx';
import MessageBubble from './MessageBubble.jsx';
import MessageComposer from './MessageComposer.jsx';
import Spinner from './Spinner.jsx';
import Notice from './Notice.jsx';
import Icon from './Icon.jsx';
import CallButtons from './CallButtons.jsx';
import RequestBanner from './RequestBanner.jsx';
import { presenceLabel } from '../utils/presenceText.js';
import { dayLabel } from '../utils/time.js';

const NEAR_TOP_PX = 120;
const NEAR_BOTTOM_PX = 160;

/** One conversation: history (older pages load on scrolling up), typing, marks and the composer. */
export default function ChatView({ partner }) {
  const { user } = useAuth();
  const thread = useThread(partner.username);
  const typing = useIsTyping(partner.username);
  const presence = usePresence(partner.username);
  const visible = usePageVisible();
  const now = useNow(30_000);
  const scroller = useRef(null);
  const stickToBottom = useRef(true);
  const prepend = useRef(null);
  const [announcement, setAnnouncement] = useState('');
  const firstName = partner.displayName.split(' ')[0];

  useEffect(() => {
    chatStore.openThread(partner.username);
  }, [partner.username]);

  // Being on screen is what marks their messages read.
  useEffect(() => {
    chatStore.setActive(partner.username, visible);
    return () => chatStore.setActive(null, visible);
  }, [partner.username, visible]);

  useEffect(
    () =>
      chatStore.onIncoming((m) => {
        if (m.from === partner.username) setAnnouncement(`${partner.displayName}: ${m.message}`);
      }),
    [partner.username, partner.displayName],
  );

  const messages = thread.messages;
  const firstKey = messages[0]?.id ?? messages[0]?.clientId;
  const lastKey = messages.at(-1)?.id ?? messages.at(-1)?.clientId;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (prepend.current) {
      // Older messages went in above: keep what was on screen where it was.
      el.scrollTop = el.scrollHeight - prepend.current.height + prepend.current.top;
      prepend.current = null;
      return;
    }
    const mineLast = messages.at(-1)?.from === user.username;
    if (stickToBottom.current || mineLast) el.scrollTop = el.scrollHeight;
  }, [firstKey, lastKey, typing]); // eslint-disable-line react-hooks/exhaustive-deps

  // A first page shorter than the window leaves nothing to scroll: fetch more right away.
  useEffect(() => {
    const el = scroller.current;
    if (el && thread.loaded && !thread.loading && !thread.error && thread.nextBefore != null && el.scrollHeight <= el.clientHeight) {
      loadOlder();
    }
  }); // eslint-disable-line react-hooks/exhaustive-deps

  function loadOlder() {
    const el = scroller.current;
    if (!el || thread.loading || thread.nextBefore == null) return;
    prepend.current = { height: el.scrollHeight, top: el.scrollTop };
    chatStore.loadOlder(partner.username).finally(() => {
      // Nothing was prepended (an error, or an empty page): forget the saved position.
      if (prepend.current) requestAnimationFrame(() => (prepend.current = null));
    });
  }

  function onScroll() {
    const el = scroller.current;
    stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    if (el.scrollTop < NEAR_TOP_PX) loadOlder();
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

      <div className="chat__scroller" ref={scroller} onScroll={onScroll} data-testid="chat-scroller">
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
        <ol className="chat__messages" data-testid="message-list">
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
                <MessageBubble message={m} mine={m.from === user.username} partner={partner.username} />
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
      </div>

      <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="chat-announcer">
        {announcement}
      </div>

      <RequestBanner partner={partner} />

      <MessageComposer
        partner={partner.username}
        partnerName={firstName}
        onSend={(text) => {
          stickToBottom.current = true;
          chatStore.send(partner.username, text);
        }}
      />
    </section>
  );
}
