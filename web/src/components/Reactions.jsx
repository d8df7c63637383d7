import { useEffect, useRef, useState } from 'react';
import chatStore from '../services/chatStore.js';
import Icon from './Icon.jsx';

/** The reactions a message can get (the server accepts these only). */
export const EMOJI = ['👍', '❤️', '😂', '😮', '😢', '🙏'];

function names(list, me) {
  return list.map((r) => (r.by === me ? 'you' : chatStore.displayNameOf(r.by))).join(' and ');
}

/** Tells `react` failures in a way the person can act on. */
function reactionFailed(err) {
  return err.code === 'rate_limited' ? 'Too many reactions at once; try again in a moment.' : err.message;
}

/** The reactions under a bubble, one chip per emoji; choosing one puts or takes back mine. */
export function ReactionChips({ message, me, onError }) {
  const reactions = message.reactions ?? [];
  if (reactions.length === 0) return null;
  const groups = EMOJI.map((emoji) => ({ emoji, list: reactions.filter((r) => r.emoji === emoji) })).filter(
    (g) => g.list.length > 0,
  );
  return (
    <ul className="reactions" aria-label="Reactions" data-testid="reactions">
      {groups.map(({ emoji, list }) => {
        const mine = list.some((r) => r.by === me);
        return (
          <li key={emoji}>
            <button
              type="button"
              className={`reaction ${mine ? 'reaction--mine' : ''}`}
              aria-pressed={mine}
              aria-label={`${emoji} from ${names(list, me)}${mine ? '. Take yours back' : `. React with ${emoji} too`}`}
              onClick={() => chatStore.react(message.id, emoji).catch((err) => onError?.(reactionFailed(err)))}
              data-testid="reaction"
              data-emoji={emoji}
              data-by={list.map((r) => r.by).join(' ')}
            >
              <span aria-hidden="true">{emoji}</span>
              {list.length > 1 && <span className="reaction__count">{list.length}</span>}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** A button that opens the six reactions; the one I gave is marked, and choosing it takes it back. */
export function ReactionPicker({ message, me, onError }) {
  const [open, setOpen] = useState(false);
  const root = useRef(null);
  const toggle = useRef(null);
  const mine = (message.reactions ?? []).find((r) => r.by === me)?.emoji;

  useEffect(() => {
    if (!open) return undefined;
    root.current?.querySelector('.reaction-picker__emoji')?.focus();
    function away(e) {
      if (!root.current?.contains(e.target)) setOpen(false);
    }
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  function choose(emoji) {
    setOpen(false);
    toggle.current?.focus();
    chatStore.react(message.id, emoji).catch((err) => onError?.(reactionFailed(err)));
  }

  return (
    <div
      className="reaction-picker"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          toggle.current?.focus();
        }
      }}
    >
      <button
        type="button"
        ref={toggle}
        className="message-action"
        aria-label="React"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="react-button"
      >
        <Icon name="smile" size={17} />
      </button>
      {open && (
        <div className="reaction-picker__menu" role="group" aria-label="Choose a reaction" data-testid="reaction-picker">
          {EMOJI.map((emoji) => (
            <button
              key={emoji}
              type="button"
              className={`reaction-picker__emoji ${mine === emoji ? 'reaction-picker__emoji--mine' : ''}`}
              aria-label={mine === emoji ? `Take back ${emoji}` : `React with ${emoji}`}
              aria-pressed={mine === emoji}
              onClick={() => choose(emoji)}
            >
              {emoji}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
