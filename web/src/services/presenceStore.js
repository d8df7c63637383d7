import socketService from './socketService.js';
import { api } from './api.js';

const OFFLINE = Object.freeze({ online: false, status: 'offline', statusText: null, lastSeen: null });

/**
 * Who is online, as far as this browser knows: seeded from the presence objects that REST
 * answers carry, then kept current by the socket's presence events.
 */
class PresenceStore {
  constructor() {
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
    // Events missed while disconnected are gone; ask who is online now after every (re)connect.
    socketService.on('connect', () => this.resync());
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

  async resync() {
    const requestedAt = Date.now();
    try {
      const [{ users }, { count }] = await Promise.all([api.onlineUsers(), api.onlineCount()]);
      const online = new Set();
      for (const u of users) {
        online.add(u.username);
        this.seed(
          u.username,
          { online: true, status: u.status, statusText: u.statusText ?? null, lastSeen: u.lastSeen ?? null },
          requestedAt,
        );
      }
      for (const [username, presence] of this.byUser) {
        if (presence.online && !online.has(username)) {
          this.seed(username, { ...presence, online: false, status: 'offline', statusText: null }, requestedAt);
        }
      }
      if (this.onlineCount === null) {
        this.onlineCount = count;
        this.changed();
      }
    } catch {
      // The socket's own events keep coming; a failed resync only leaves older state in place.
    }
  }

  put(username, presence) {
    this.eventAt.set(username, Date.now());
    this.byUser.set(username, presence);
    this.changed();
  }

  reset() {
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
