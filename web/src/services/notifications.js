import chatStore from './chatStore.js';
import { previewText } from '../utils/quote.js';

/**
 * Tells the user about new messages while the tab is in the background: a system notification
 * (once they allowed it) and a short chime made with WebAudio, so no sound file is needed.
 */

let audioContext = null;
let lastChimeAt = 0;
const CHIME_GAP_MS = 2000;

/** Browsers only let a page make sound after a user gesture: unlock audio on the first one. */
function unlockAudioOnGesture() {
  const unlock = () => {
    try {
      const Ctx = window.AudioContext || window.webkitAudioContext;
      if (Ctx && !audioContext) audioContext = new Ctx();
      audioContext?.resume?.();
    } catch {
      audioContext = null;
    }
    window.removeEventListener('pointerdown', unlock);
    window.removeEventListener('keydown', unlock);
  };
  window.addEventListener('pointerdown', unlock);
  window.addEventListener('keydown', unlock);
}

export function playChime() {
  const ctx = audioContext;
  if (!ctx || ctx.state !== 'running') return;
  // Messages caught up on reconnect arrive in a burst: one chime for all of them.
  if (Date.now() - lastChimeAt < CHIME_GAP_MS) return;
  lastChimeAt = Date.now();
  const now = ctx.currentTime;
  // Two soft notes, a major third apart.
  [
    [880, 0],
    [1108.73, 0.12],
  ].forEach(([freq, offset]) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, now + offset);
    gain.gain.exponentialRampToValueAtTime(0.18, now + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + offset + 0.35);
    osc.connect(gain).connect(ctx.destination);
    osc.start(now + offset);
    osc.stop(now + offset + 0.4);
  });
}

export function notificationsSupported() {
  return typeof window !== 'undefined' && 'Notification' in window;
}

export function notificationPermission() {
  return notificationsSupported() ? Notification.permission : 'unsupported';
}

/** Must be called from a click handler: browsers ignore permission prompts without a gesture. */
export async function requestNotificationPermission() {
  if (!notificationsSupported()) return 'unsupported';
  return Notification.requestPermission();
}

function bodyOf(message) {
  const text = previewText(message, null);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

function showNotification(message, onOpen) {
  if (notificationPermission() !== 'granted') return;
  try {
    const name = chatStore.displayNameOf(message.from);
    const n = new Notification(message.request ? `Message request from ${name}` : `New message from ${name}`, {
      body: bodyOf(message),
      icon: `/api/avatars/${encodeURIComponent(message.from)}.svg`,
      // One notification per conversation, replaced as more arrive.
      tag: `pulse-chat-${message.from}`,
    });
    n.onclick = () => {
      window.focus();
      onOpen(message.from, message.request);
      n.close();
    };
  } catch {
    // Some platforms only allow notifications from a service worker; the title count remains.
  }
}

/** Starts listening; `openChat(username, isRequest)` is called when a notification is clicked. */
export function startNotifications(openChat) {
  unlockAudioOnGesture();
  return chatStore.onIncoming((message) => {
    if (document.visibilityState !== 'hidden') return;
    playChime();
    // a first request comes from someone whose name this page does not know yet: read it first
    const named = chatStore.displayNameOf(message.from) !== message.from;
    if (message.request && !named) {
      chatStore.loadRequests().finally(() => showNotification(message, openChat));
    } else {
      showNotification(message, openChat);
    }
  });
}
