import { callEntryText } from './callText.js';

const PREVIEW_LENGTH = 100;

/** What a reply shows of `message` until the server's own quote comes back with the ack. */
export function quoteOf(message) {
  const text = (message.message ?? '').trim();
  let preview;
  if (message.call) preview = message.call.kind === 'video' ? 'Video call' : 'Voice call';
  else if (!text && message.photo) preview = 'Photo';
  else preview = text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH).trimEnd()}…` : text;
  return { id: message.id, from: message.from, preview };
}

/** The one line a conversation list or a notification shows for `message`. */
export function previewText(message, me) {
  if (message.call) return callEntryText(message.call, message.from === me);
  if (message.photo) return message.message ? `📷 ${message.message}` : '📷 Photo';
  return message.message;
}
