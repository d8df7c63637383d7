import { timeAgo } from './time.js';

/** The words under a name: "Online now", "Away", "Busy — In a meeting", "Offline · last seen …". */
export function presenceLabel(presence, now) {
  if (!presence || !presence.online || presence.status === 'offline') {
    const seen = timeAgo(presence?.lastSeen, now);
    return seen ? `Offline · last seen ${seen}` : 'Offline';
  }
  if (presence.status === 'away') return presence.statusText ? `Away — ${presence.statusText}` : 'Away';
  if (presence.status === 'busy') return presence.statusText ? `Busy — ${presence.statusText}` : 'Busy';
  return 'Online now';
}

/** The emoji that leads the label, matching the bulb's colour. */
export function presenceEmoji(presence) {
  if (!presence?.online || presence.status === 'offline') return '⚪';
  if (presence.status === 'away') return '🟡';
  if (presence.status === 'busy') return '🔴';
  return '🟢';
}

/** online, away, busy or offline: the bulb's colour. */
export function presenceKind(presence) {
  if (!presence?.online) return 'offline';
  return ['away', 'busy'].includes(presence.status) ? presence.status : 'online';
}

/** The short form for small spaces (cards): "Online now", "Away", "Busy", "Seen 12 min ago". */
export function presenceShortLabel(presence, now) {
  if (!presence?.online || presence.status === 'offline') {
    const seen = timeAgo(presence?.lastSeen, now);
    return seen ? `Seen ${seen}` : 'Offline';
  }
  if (presence.status === 'away') return 'Away';
  if (presence.status === 'busy') return 'Busy';
  return 'Online now';
}
