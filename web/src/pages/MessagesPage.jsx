import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../services/api.js';
import { usePageTitle } from '../hooks/useDocumentTitle.js';
import chatStore from '../services/chatStore.js';
import presenceStore from '../services/presenceStore.js';
import { useConversations, useConversationsLoaded } from '../hooks/useChat.js';
import useAuth from '../hooks/useAuth.js';
import useNow from '../hooks/useNow.js';
import ConversationList from '../components/ConversationList.jsx';
import ChatView from '../components/ChatView.jsx';
import EmptyState from '../components/EmptyState.jsx';
import Spinner from '../components/Spinner.jsx';
import Notice from '../components/Notice.jsx';

/** The inbox, with the open chat beside it (on phones, one or the other). */
export default function MessagesPage() {
  const { username } = useParams();
  const conversations = useConversations();
  const loaded = useConversationsLoaded();
  const now = useNow(30_000);
  const partnerName = username ? conversations.find((c) => c.with === username)?.displayName ?? username : null;
  usePageTitle(partnerName ? `Chat with ${partnerName}` : 'Messages');

  useEffect(() => {
    chatStore.loadConversations();
  }, []);

  return (
    <main className={`page page--messages ${username ? 'has-chat' : ''}`} id="main">
      <div className="messages card">
        <aside className="messages__list" aria-label="Conversations">
          <h1 className="messages__title">Messages</h1>
          {!loaded && conversations.length === 0 && <Spinner label="Loading conversations…" />}
          {loaded && conversations.length === 0 && (
            <EmptyState title="No conversations yet" icon="💌">
              Find someone you like and say hello. <Link to="/search">Search profiles</Link>
            </EmptyState>
          )}
          <ConversationList conversations={conversations} now={now} />
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
