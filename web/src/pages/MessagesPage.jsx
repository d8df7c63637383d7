import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../services/api.js';
import { usePageTitle } from '../hooks/useDocumentTitle.js';
import chatStore from '../services/chatStore.js';
import presenceStore from '../services/presenceStore.js';
import { useConversations, useConversationsLoaded } from '../hooks/useChat.js';
import { usePendingRequestCount, useRequests } from '../hooks/useRequests.js';
import useAuth from '../hooks/useAuth.js';
import useNow from '../hooks/useNow.js';
import ConversationList from '../components/ConversationList.jsx';
import ChatView from '../components/ChatView.jsx';
import EmptyState from '../components/EmptyState.jsx';
import Spinner from '../components/Spinner.jsx';
import Notice from '../components/Notice.jsx';

/**
 * The inbox, with the open chat beside it (on phones, one or the other). Two tabs: the chats, and
 * the message requests (first messages from people I never talked to) waiting for my answer.
 */
export default function MessagesPage() {
  const { username } = useParams();
  const [params, setParams] = useSearchParams();
  const conversations = useConversations();
  const requests = useRequests();
  const pending = usePendingRequestCount();
  const loaded = useConversationsLoaded();
  const now = useNow(30_000);
  const openRequest = username ? requests.find((r) => r.with === username) : null;
  const tab = params.get('tab') === 'requests' || (!params.get('tab') && openRequest) ? 'requests' : 'chats';
  const partnerName = username
    ? (conversations.find((c) => c.with === username) ?? openRequest)?.displayName ?? username
    : null;
  usePageTitle(partnerName ? `Chat with ${partnerName}` : tab === 'requests' ? 'Message requests' : 'Messages');

  useEffect(() => {
    chatStore.loadConversations();
    chatStore.loadRequests();
  }, []);

  return (
    <main className={`page page--messages ${username ? 'has-chat' : ''}`} id="main">
      <div className="messages card">
        <aside className="messages__list" aria-label="Conversations">
          <div className="messages__head">
            <h1 className="messages__title">Messages</h1>
            <div className="messages__tabs" role="tablist" aria-label="Chats and message requests">
              <button
                type="button"
                role="tab"
                id="tab-chats"
                aria-selected={tab === 'chats'}
                className="messages__tab"
                data-testid="tab-chats"
                onClick={() => setParams({})}
              >
                Chats
              </button>
              <button
                type="button"
                role="tab"
                id="tab-requests"
                aria-selected={tab === 'requests'}
                className="messages__tab"
                data-testid="tab-requests"
                onClick={() => setParams({ tab: 'requests' })}
              >
                Requests ({pending})
              </button>
            </div>
          </div>
          {tab === 'chats' ? (
            <div role="tabpanel" id="panel-chats" aria-labelledby="tab-chats">
              {!loaded && conversations.length === 0 && <Spinner label="Loading conversations…" />}
              {loaded && conversations.length === 0 && (
                <EmptyState title="No conversations yet" icon="💌">
                  Find someone you like and say hello. <Link to="/search">Search profiles</Link>
                </EmptyState>
              )}
              <ConversationList conversations={conversations} now={now} />
            </div>
          ) : (
            <div role="tabpanel" id="panel-requests" aria-labelledby="tab-requests">
              {requests.length === 0 && (
                <EmptyState title="No message requests" icon="📨">
                  When someone you have not talked to writes to you, their first messages wait here until you
                  accept or decline.
                </EmptyState>
              )}
              <ConversationList conversations={requests} now={now} requests />
            </div>
          )}
        </aside>
        <div className="messages__chat">
          {username ? (
            <ChatPartner username={username} />
          ) : (
            <EmptyState title="Your conversations" icon="💬">
              Choose a conversation to read it here.
            </EmptyState>
          )}
        </div>
      </div>
    </main>
  );
}

/** Looks up who the chat is with, then shows it. */
function ChatPartner({ username }) {
  const { user } = useAuth();
  const conversations = useConversations();
  const known = conversations.find((c) => c.with === username);
  const [profile, setProfile] = useState(null);
  const [error, setError] = useState(null);

  useEffect(() => {
    let cancelled = false;
    const requestedAt = Date.now();
    setProfile(null);
    setError(null);
    api
      .profile(username)
      .then((p) => {
        if (cancelled) return;
        presenceStore.seed(p.username, p.presence, requestedAt);
        chatStore.ensureConversation(p);
        setProfile(p);
      })
      .catch((err) => !cancelled && setError(err));
    return () => {
      cancelled = true;
    };
  }, [username]);

  if (username === user.username) {
    return <EmptyState title="That is you" icon="🪞">Pick someone else to talk to.</EmptyState>;
  }
  if (error) {
    return error.status === 404 ? (
      <EmptyState title="No such profile" icon="🕊️">
        There is no one called “{username}” on Pulse.
      </EmptyState>
    ) : (
      <Notice>{error.message}</Notice>
    );
  }
  const partner =
    profile ??
    (known && { username, displayName: known.displayName, avatarUrl: known.avatarUrl });
  if (!partner) return <Spinner label="Opening conversation…" />;
  return <ChatView key={username} partner={partner} />;
}
