import socketService from './socketService.js';

const OFFLINE = Object.freeze({ online: false, status: 'offline', statusText: null, lastSeen: null });
// The server's default PRESENCE_WATCH_MAX: the most users one watch may name.
const WATCH_MAX = 500;
// Screens change in bursts (a page of cards mounts at once): one watch for each burst.
const WATCH_DEBOUNCE_MS = 200;

/**
 * Who is online, as far as this browser knows: seeded from the presence objects that REST
 * answers carry, then kept current by the socket's presence events.
 *
 * The socket hears the presence only of the users on screen (and of conversation partners): the
 * components showing someone's presence watch them ({@link PresenceStore#watch}), and the store
 * sends the list as `presence_watch` when it changes and after every (re)connect. The answer
 * holds everyone's current presence, so nothing missed while disconnected stays stale.
 */
class PresenceStore {
  constructor() {
    this.watched = new Map(); // username -> how many components show them
    this.watchTimer = null;
    this.sentWatch = null;
    this.byUser = new Map();
    // When the socket last told us about a user: a REST answer older than that is stale for them.
    this.eventAt = new Map();
    this.onlineCount = null;
    this.listeners = new Set();
    this.version = 0;

    socketService.on('online_count_update', ({ count }) => {
      this.onlineCount = count;
      this.changed();
    });
    socketService.on('user_online', ({ username, status, statusText }) => {
      const prev = this.get(username);
      this.put(username, {
        ...prev,
        online: true,
        status: status && status !== 'offline' ? status : 'online',
        statusText: statusText ?? null,
      });
    });
    socketService.on('user_offline', ({ username, lastSeen }) => {
      this.put(username, { online: false, status: 'offline', statusText: null, lastSeen: lastSeen ?? null });
    });
    socketService.on('presence_update', ({ username, status, statusText, lastSeen }) => {
      const prev = this.get(username);
      this.put(username, {
        online: status !== 'offline',
        status,
        statusText: statusText ?? null,
        lastSeen: lastSeen ?? prev.lastSeen,
      });
    });
    // Events missed while disconnected are gone; the watch's answer says who is online now.
    socketService.on('connect', () => {
      this.sentWatch = null;
      this.sendWatch();
    });
  }

  /** A component shows `username`'s presence; call the returned function when it stops. */
  watch(username) {
    if (!username) return () => {};
    this.watched.set(username, (this.watched.get(username) ?? 0) + 1);
    this.scheduleWatch();
    return () => {
      const left = (this.watched.get(username) ?? 1) - 1;
      if (left > 0) this.watched.set(username, left);
      else this.watched.delete(username);
      this.scheduleWatch();
    };
  }

  scheduleWatch() {
    clearTimeout(this.watchTimer);
    this.watchTimer = setTimeout(() => this.sendWatch(), WATCH_DEBOUNCE_MS);
  }

  async sendWatch() {
    clearTimeout(this.watchTimer);
    this.watchTimer = null;
    if (!socketService.connected) return; // sent again on connect
    // the most recently shown last, so that a very long list keeps what is on screen now
    const usernames = [...this.watched.keys()].slice(-WATCH_MAX);
    const key = [...usernames].sort().join(',');
    if (key === this.sentWatch) return;
    this.sentWatch = key;
    try {
      const { presence } = await socketService.request('presence_watch', { usernames });
      // never older than an event that came before it: it replaces what we had
      for (const [username, p] of Object.entries(presence ?? {})) this.put(username, { ...OFFLINE, ...p });
    } catch {
      // sent again with the next change or reconnect
      if (this.sentWatch === key) this.sentWatch = null;
    }
  }

  get(username) {
    return this.byUser.get(username) ?? OFFLINE;
  }

  /** Takes the presence a REST answer carried, unless a socket event since the request is newer. */
  seed(username, presence, requestedAt = 0) {
    if (!presence) return;
    if ((this.eventAt.get(username) ?? 0) > requestedAt) return;
    const prev = this.byUser.get(username);
    if (prev && samePresence(prev, presence)) return;
    this.byUser.set(username, { ...OFFLINE, ...presence });
    this.changed();
  }

  /** Seeds every profile of a REST answer. */
  seedProfiles(profiles, requestedAt) {
    for (const p of profiles) this.seed(p.username, p.presence, requestedAt);
  }

  put(username, presence) {
    this.eventAt.set(username, Date.now());
    this.byUser.set(username, presence);
    this.changed();
  }

  reset() {
    this.sentWatch = null;
    this.byUser.clear();
    this.eventAt.clear();
    this.onlineCount = null;
    this.changed();
  }

  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed() {
    this.version += 1;
    for (const listener of [...this.listeners]) listener();
  }
}

function samePresence(a, b) {
  return (
    a.online === b.online &&
    a.status === b.status &&
    a.statusText === b.statusText &&
    a.lastSeen === b.lastSeen
  );
}

const presenceStore = new PresenceStore();
export default presenceStore;
