import { useId, useState } from 'react';
import useTypingEmitter from '../hooks/useTypingEmitter.js';
import { useMessageMaxLength } from '../hooks/useChat.js';
import Icon from './Icon.jsx';
import CharCounter from './CharCounter.jsx';

/** The message field: Enter sends, Shift+Enter starts a new line. */
export default function MessageComposer({ partner, partnerName, onSend, disabled, attach }) {
  const id = useId();
  const [text, setText] = useState('');
  const { typed, stop } = useTypingEmitter(partner);
  // never cut what was typed or pasted: too long stays in the field, counted, and is not sent
  const maxLength = useMessageMaxLength();
  const tooLong = text.trim().length > maxLength;

  function send() {
    const message = text.trim();
    if (!message || disabled || tooLong) return;
    stop();
    onSend(message);
    setText('');
  }

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {attach}
      <label htmlFor={id} className="visually-hidden">
        Message to {partnerName}
      </label>
      <textarea
        id={id}
        className="composer__input"
        rows={1}
        aria-invalid={tooLong || undefined}
        aria-describedby={`${id}-count`}
        placeholder={`Write to ${partnerName}…`}
        value={text}
        disabled={disabled}
        data-testid="message-input"
        onChange={(e) => {
          setText(e.target.value);
          typed(e.target.value);
        }}
        onBlur={stop}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            send();
          }
        }}
      />
      <CharCounter id={`${id}-count`} length={text.trim().length} max={maxLength} />
      <button type="submit" className="composer__send" disabled={disabled || !text.trim() || tooLong} aria-label="Send message" data-testid="send-button">
        <Icon name="send" size={20} />
      </button>
    </form>
  );
}
