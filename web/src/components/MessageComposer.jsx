import { useId, useState } from 'react';
import useTypingEmitter from '../hooks/useTypingEmitter.js';
import Icon from './Icon.jsx';

const MAX_LENGTH = 2000;

/** The message field: Enter sends, Shift+Enter starts a new line. */
export default function MessageComposer({ partner, partnerName, onSend, disabled, attach }) {
  const id = useId();
  const [text, setText] = useState('');
  const { typed, stop } = useTypingEmitter(partner);

  function send() {
    const message = text.trim();
    if (!message || disabled) return;
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
        maxLength={MAX_LENGTH}
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
      <button type="submit" className="composer__send" disabled={disabled || !text.trim()} aria-label="Send message" data-testid="send-button">
        <Icon name="send" size={20} />
      </button>
    </form>
  );
}
