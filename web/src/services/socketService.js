import { io } from 'socket.io-client';

const ACK_TIMEOUT_MS = 5000;
const AUTH_ERRORS = new Set(['token expired', 'invalid token', 'missing token', 'session ended', 'unknown user']);

/**
 * The app's one Socket.IO connection.
 *
 * Listeners are kept here rather than on the socket, so they stay registered across
 * reconnects and across logout/login (a new socket per login): components and stores
 * subscribe once and never need to know whether a connection exists yet.
 *
 * Connection states: `idle` (never connected or logged out), `connecting` (first attempt),
 * `connected`, `reconnecting` (was connected, now down and retrying).
 */
class SocketService {
  constructor() {
    this.socket = null;
    this.token = null;
    this.listeners = new Map();
    this.stateListeners = new Set();
    this.state = 'idle';
    this.lastError = null;
    this.onAuthError = () => {};
  }

  /** Opens the connection for this token; a second call with the same token does nothing. */
  connect(token, { onAuthError } = {}) {
    if (onAuthError) this.onAuthError = onAuthError;
    if (this.socket && this.token === token) return;
    this.disconnect();
    this.token = token;

    const socket = io({
      path: '/socket.io',
      // A function, so every reconnection attempt sends the current token. `watch`: the presence
      // store sends `presence_watch` on every connect, so the server need not tell this socket
      // about everyone arriving before it does.
      auth: (cb) => cb({ token: this.token, watch: true }),
      reconnection: true,
      reconnectionDelay: 1000,
      reconnectionDelayMax: 5000,
      randomizationFactor: 0.3,
    });
    this.socket = socket;
    this.setState('connecting');

    socket.on('connect', () => {
      this.lastError = null;
      this.setState('connected');
      this.dispatch('connect');
    });
    socket.on('disconnect', (reason) => {
      this.setState('reconnecting');
      this.dispatch('disconnect', reason);
      // The client only retries by itself after transport failures; a server-side close
      // (a restart, a kicked session) needs an explicit reconnect.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (err) => {
      this.lastError = err?.message ?? 'connection error';
      if (AUTH_ERRORS.has(this.lastError)) {
        this.authFailed(this.lastError);
        return;
      }
      if (this.state !== 'connecting') this.setState('reconnecting');
      this.notifyState();
      // A refusal by the server's middleware is not retried by the client; anything that is
      // not about the token (a database hiccup, say) is worth another try.
      if (!socket.active) setTimeout(() => this.socket === socket && socket.connect(), 2000);
    });
    socket.onAny((event, ...args) => {
      const ack = typeof args[args.length - 1] === 'function' ? args.pop() : null;
      this.dispatch(event, ...args);
      // The server asks new_message to be confirmed: only then does it count as delivered
      // (and is not pushed again on the next connect).
      if (ack) ack();
    });
    // When the token expires the server sends this error and closes the connection.
    socket.on('error', (err) => {
      if (err?.code === 'unauthorized') this.authFailed(err.message);
    });
  }

  /**
   * Hands the open connection a fresh token of the same session (`refresh_token`), so it lives
   * on past the old one's expiry without reconnecting; a later reconnect uses it too.
   */
  renewToken(token) {
    this.token = token;
    if (!this.socket?.connected) return Promise.resolve();
    return this.request('refresh_token', { token }).then(() => undefined);
  }

  authFailed(reason) {
    this.disconnect();
    this.onAuthError(reason);
  }

  /** Closes the connection and forgets the token (logout). Listeners stay registered. */
  disconnect() {
    const socket = this.socket;
    this.socket = null;
    this.token = null;
    if (socket) {
      socket.offAny();
      socket.removeAllListeners();
      socket.disconnect();
    }
    this.setState('idle');
  }

  get connected() {
    return Boolean(this.socket?.connected);
  }

  /** Subscribes to a server event (or `connect`/`disconnect`); returns the unsubscribe function. */
  on(event, listener) {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return () => this.off(event, listener);
  }

  off(event, listener) {
    this.listeners.get(event)?.delete(listener);
  }

  /** Fire-and-forget; dropped while disconnected (typing, say, is stale by the time we are back). */
  emit(event, payload) {
    if (!this.socket?.connected) return false;
    this.socket.emit(event, payload);
    return true;
  }

  /**
   * Emits with an acknowledgement. Resolves with the server's `{ok: true, ...}` answer; rejects
   * with an Error whose `code` is the server's error code, `timeout` or `offline`.
   */
  request(event, payload, timeoutMs = ACK_TIMEOUT_MS) {
    return new Promise((resolve, reject) => {
      const socket = this.socket;
      if (!socket?.connected) {
        reject(Object.assign(new Error('Not connected'), { code: 'offline' }));
        return;
      }
      socket.timeout(timeoutMs).emit(event, payload, (err, answer) => {
        if (err) {
          reject(Object.assign(new Error('No answer from the server'), { code: 'timeout' }));
        } else if (!answer || answer.ok !== true) {
          const error = answer?.error ?? {};
          if (error.code === 'unauthorized') this.authFailed(error.message);
          reject(
            Object.assign(new Error(error.message ?? 'Request refused'), {
              code: error.code ?? 'internal',
            }),
          );
        } else {
          resolve(answer);
        }
      });
    });
  }

  /** `extras`: `replyTo` (a message id) and `photoId`, when the message has them. */
  sendMessage(to, message, clientId, extras = {}) {
    return this.request('send_message', { to, message, clientId, ...extras });
  }

  /** Puts `emoji` on a message, or takes one's reaction back (null, or the same emoji again). */
  react(messageId, emoji) {
    return this.request('react', { messageId, emoji });
  }

  sendTyping(to, isTyping) {
    return this.emit('user_typing', { to, isTyping });
  }

  markRead(withUser, upToId) {
    return this.request('mark_read', { with: withUser, upToId });
  }

  setStatus(status, text) {
    return this.request('set_status', { status, text: text || undefined });
  }

  getState() {
    return this.state;
  }

  /** Subscribes to connection-state changes; returns the unsubscribe function. */
  subscribeState(listener) {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.notifyState();
  }

  notifyState() {
    for (const listener of [...this.stateListeners]) listener(this.state);
  }

  dispatch(event, ...args) {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(...args);
      } catch (err) {
        // One broken subscriber must not starve the others of the event.
        console.error(`pulse: listener for ${event} failed`, err);
      }
    }
  }
}

const socketService = new SocketService();

// Reading and browsing send nothing, yet the person is there: a sign of life at most once a
// minute keeps them from showing as away (the server turns idle users away after 5 minutes).
const ACTIVITY_EVERY_MS = 60_000;
let lastActivitySent = 0;
function reportActivity() {
  const now = Date.now();
  if (now - lastActivitySent < ACTIVITY_EVERY_MS || !socketService.connected) return;
  lastActivitySent = now;
  socketService.emit('activity', {});
}
if (typeof window !== 'undefined') {
  for (const type of ['pointerdown', 'keydown', 'wheel', 'touchstart']) {
    window.addEventListener(type, reportActivity, { passive: true });
  }
}

export default socketService;
