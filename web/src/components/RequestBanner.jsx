import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import chatStore from '../services/chatStore.js';
import { useRequestFrom, useRequestSent } from '../hooks/useRequests.js';
import Notice from './Notice.jsx';

/**
 * Above the composer of a chat that is a message request: to its recipient, accept or decline
 * (replying accepts too); to its sender, a word that the message waits in the other's requests.
 */
export default function RequestBanner({ partner }) {
  const request = useRequestFrom(partner.username);
  const sent = useRequestSent(partner.username);
  const navigate = useNavigate();
  const location = useLocation();
  const wasRequest = useRef(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const firstName = partner.displayName.split(' ')[0];

  // accepted here, on another device, or by replying: the chat is filed with the chats now
  useEffect(() => {
    if (request) {
      wasRequest.current = true;
    } else if (wasRequest.current) {
      wasRequest.current = false;
      const isChat = chatStore.getConversations().some((c) => c.with === partner.username);
      if (isChat && location.search.includes('tab=requests')) navigate(`/messages/${partner.username}`, { replace: true });
    }
  }, [request]); // eslint-disable-line react-hooks/exhaustive-deps

  async function answer(accept) {
    setBusy(true);
    setError(null);
    try {
      if (accept) {
        await chatStore.acceptRequest(partner.username);
      } else {
        await chatStore.declineRequest(partner.username);
        navigate('/messages?tab=requests');
      }
    } catch (err) {
      setError(err.message);
    } finally {
      setBusy(false);
    }
  }

  if (request) {
    return (
      <section className="request-banner" aria-label="Message request" data-testid="request-banner">
        <p className="request-banner__text">
          <strong>{partner.displayName}</strong> would like to chat with you. Accept (or reply) to move this to your
          chats; if you decline, it leaves your requests and {firstName} is not told.
        </p>
        <div className="request-banner__actions">
          <button type="button" className="button button--primary button--small" disabled={busy} onClick={() => answer(true)}>
            Accept
          </button>
          <button type="button" className="button button--ghost button--small" disabled={busy} onClick={() => answer(false)}>
            Decline
          </button>
        </div>
        <Notice>{error}</Notice>
      </section>
    );
  }
  if (sent) {
    return (
      <p className="request-note" data-testid="request-sent-note">
        Your message waits in {firstName}’s message requests. You can chat freely once {firstName} accepts or replies.
      </p>
    );
  }
  return null;
}
