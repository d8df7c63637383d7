import { useEffect, useRef } from 'react';
import chatStore from '../services/chatStore.js';
import Icon from './Icon.jsx';

const FLASH_MS = 1600;

function whoSaid(from, me) {
  return from === me ? 'You' : chatStore.displayNameOf(from);
}

/** Scrolls the conversation to message `id` and marks it for a moment; false when it is not loaded. */
function showOriginal(id) {
  const row = document.querySelector(`[data-testid="message-list"] [data-id="${id}"]`);
  if (!row) return false;
  row.scrollIntoView({ block: 'center', behavior: 'smooth' });
  row.classList.add('bubble-row--flash');
  setTimeout(() => row.classList.remove('bubble-row--flash'), FLASH_MS);
  return true;
}

/** The quoted message inside a reply's bubble; choosing it goes to the original when it is loaded. */
export default function ReplyQuote({ quote, me }) {
  const who = whoSaid(quote.from, me);
  return (
    <button
      type="button"
      className="reply-quote"
      onClick={() => showOriginal(quote.id)}
      aria-label={`Reply to ${who}: ${quote.preview}. Show the original message`}
      data-testid="reply-quote"
      data-quoted-id={quote.id}
    >
      <span className="reply-quote__who">{who}</span>
      <span className="reply-quote__text">{quote.preview}</span>
    </button>
  );
}

/** Above the composer while replying: what is being answered, and a way not to. */
export function ReplyBar({ quote, me, onCancel }) {
  const who = whoSaid(quote.from, me);
  const cancel = useRef(onCancel);
  cancel.current = onCancel;
  // the reply is written in the composer: go there as soon as one is chosen
  useEffect(() => {
    document.querySelector('[data-testid="message-input"]')?.focus();
  }, [quote.id]);
  useEffect(() => {
    function onKey(e) {
      if (e.key === 'Escape' && !e.defaultPrevented && !document.querySelector('dialog[open]')) cancel.current();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="reply-bar" data-testid="reply-bar">
      <div className="reply-bar__quote">
        <span className="reply-quote__who">Replying to {who}</span>
        <span className="reply-quote__text">{quote.preview}</span>
      </div>
      <button type="button" className="reply-bar__cancel" onClick={onCancel} aria-label="Cancel reply" data-testid="reply-cancel">
        <Icon name="close" size={18} />
      </button>
    </div>
  );
}
