import socketService from './socketService.js';
import presenceStore from './presenceStore.js';
import { api } from './api.js';

const MAX_AUTO_ATTEMPTS = 3;
const TYPING_SHOWN_MS = 3000;
const PAGE_SIZE = 30;
/** The server's default MESSAGE_MAX_LENGTH, until a history page tells the configured one. */
export const DEFAULT_MESSAGE_MAX_LENGTH = 2000;

const EMPTY_THREAD = Object.freeze({
  messages: Object.freeze([]),
  nextBefore: undefined,
  loaded: false,
  loading: false,
  error: null,
});

/** Whether a message `me` received counts as unread: a call that was answered or declined is no news. */
export function countsUnread(m, me) {
  return m.from !== me && !(m.call && !m.call.missed);
}

function newClientId() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  // Plain-HTTP origins other than localhost have no randomUUID; uniqueness per sender is enough.
  return `c-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/**
 * Delivery and read marks come from the server's records (history, the send ack,
 * message_delivered, message_read) and only move forward: a copy fetched earlier (a history page
 * or conversation list on its way while a receipt arrived) never takes a mark back.
 */
function withMarksKept(current, incoming) {
  return {
    ...current,
    ...incoming,
    deliveredAt: current?.deliveredAt ?? incoming.deliveredAt ?? incoming.readAt ?? null,
    readAt: current?.readAt ?? incoming.readAt ?? null,
  };
}

/** Oldest first; messages still without an id (pending) after every stored one. */
function byOrder(a, b) {
  if (a.id != null && b.id != null) return a.id - b.id;
  if (a.id != null) return -1;
  if (b.id != null) return 1;
  return a.localSeq - b.localSeq;
}

/**
 * Conversations, message threads, delivery and read marks, the outbox and typing state.
 * Everything here is replaced, never mutated, so React can compare by reference.
 */
class ChatStore {
  constructor() {
    this.listeners = new Set();
    this.incomingListeners = new Set();
    this.localSeq = 0;
    this.messageMaxLength = DEFAULT_MESSAGE_MAX_LENGTH;
    this.resetState();

    socketService.on('new_message', (m) => this.onNewMessage(m));
    socketService.on('message_delivered', (e) => this.onDelivered(e));
    socketService.on('message_read', (e) => this.onRead(e));
    socketService.on('user_typing', (e) => this.onTyping(e));
    socketService.on('message_reaction', (e) => this.onReaction(e));
    socketService.on('message_request_update', (e) => this.onRequestUpdate(e));
    socketService.on('connect', () => {
      this.flushOutbox();
      // requests answered on another device while this one was away
      if (this.me) this.loadRequests();
      // a read mark attempted before the socket was up (a reload straight into a chat) was
      // refused as offline: the chat on screen is read now
      if (this.active && this.visible) this.markRead(this.active);
    });
  }

  resetState() {
    for (const timer of this.typingTimers?.values() ?? []) clearTimeout(timer);
    this.me = null;
    this.conversations = new Map();
    this.conversationsLoaded = false;
    this.conversationsList = [];
    // Message requests waiting for my answer (first messages from people I never talked to),
    // filed apart from the conversations until I accept, reply or decline.
    this.requests = new Map();
    this.requestsList = [];
    this.pendingRequests = 0;
    // people whose Requests my first message went to, until they answer
    this.sentRequests = new Set();
    this.threads = new Map();
    // Per partner: the highest id of my messages they received / read, and when.
    this.receipts = new Map();
    this.lastMarked = new Map();
    this.typing = new Set();
    this.typingTimers = new Map();
    this.active = null;
    this.visible = typeof document === 'undefined' ? true : document.visibilityState === 'visible';
    this.loadingConversations = null;
    this.arrivedDuringLoad = null;
    this.requestsLoaded = false;
    clearTimeout(this.requestsTimer);
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  start(me) {
    if (this.me === me) return;
    this.resetState();
    this.me = me;
    this.changed();
    this.loadConversations();
    this.loadRequests();
  }

  stop() {
    this.resetState();
    this.changed();
  }

  // ---- reads for the UI --------------------------------------------------------------------

  getConversations() {
    return this.conversationsList;
  }

  getThread(withUser) {
    return this.threads.get(withUser) ?? EMPTY_THREAD;
  }

  isTyping(withUser) {
    return this.typing.has(withUser);
  }

  /** Unread messages, those in requests included: a request is a message waiting for me. */
  unreadTotal() {
    let total = 0;
    for (const c of this.conversations.values()) if (!this.requests.has(c.with)) total += c.unread;
    for (const r of this.requests.values()) total += r.unread;
    return total;
  }

  /** Unread messages from `partner`, or null while the conversation list has not loaded. */
  unreadFrom(partner) {
    if (!this.conversationsLoaded) return null;
    return this.conversations.get(partner)?.unread ?? 0;
  }

  getRequests() {
    return this.requestsList;
  }

  /** The request `username` sent me, while it waits for my answer; else null. */
  getRequest(username) {
    return this.requests.get(username) ?? null;
  }

  pendingRequestCount() {
    return this.requestsLoaded ? this.requests.size : this.pendingRequests;
  }

  /** True while my first message to `username` waits in their requests. */
  isRequestSent(username) {
    return this.sentRequests.has(username);
  }

  /** sent, delivered, read, pending or failed: what the marks under my message show. */
  statusOf(message) {
    if (message.failed) return 'failed';
    if (message.id == null) return 'pending';
    if (message.readAt) return 'read';
    if (message.deliveredAt) return 'delivered';
    return 'sent';
  }

  // ---- conversations -----------------------------------------------------------------------

  async loadConversations() {
    if (this.loadingConversations) return this.loadingConversations;
    const me = this.me;
    const requestedAt = Date.now();
    this.arrivedDuringLoad = [];
    this.loadingConversations = (async () => {
      try {
        const { items, pendingRequests } = await api.conversations();
        if (this.me !== me) return;
        this.pendingRequests = pendingRequests ?? 0;
        const next = new Map();
        for (const c of items) {
          const known = this.conversations.get(c.with)?.lastMessage;
          const lastMessage =
            c.lastMessage && known?.id === c.lastMessage.id
              ? withMarksKept(known, c.lastMessage)
              : c.lastMessage && this.withReceipts(c.with, c.lastMessage);
          next.set(c.with, { ...c, lastMessage, unread: c.unread ?? 0 });
          presenceStore.seed(c.with, c.presence, requestedAt);
        }
        // Keep conversations that so far exist only here (a first message still pending).
        for (const [w, c] of this.conversations) if (!next.has(w)) next.set(w, c);
        this.conversations = next;
        const arrived = this.arrivedDuringLoad ?? [];
        this.arrivedDuringLoad = null;
        // The answer may predate messages that reached us while it was on its way.
        for (const m of arrived) this.file(m);
        this.conversationsLoaded = true;
        this.changed();
      } catch {
        this.arrivedDuringLoad = null;
      } finally {
        this.loadingConversations = null;
      }
    })();
    return this.loadingConversations;
  }

  /** Puts a message into its conversation's preview, counting it unread when it is new to us. */
  touchConversation(m) {
    const incoming = m.from !== this.me;
    const partner = incoming ? m.from : m.to;
    const existing = this.conversations.get(partner);
    const lastId = existing?.lastMessage?.id ?? 0;
    if (m.id != null && m.id <= lastId) return false;
    const counts = countsUnread(m, this.me) && !this.isReading(partner);
    this.conversations.set(partner, {
      with: partner,
      displayName: existing?.displayName ?? partner,
      avatarUrl: existing?.avatarUrl ?? `/api/avatars/${encodeURIComponent(partner)}.svg`,
      presence: existing?.presence,
      ...existing,
      lastMessage: m,
      unread: (existing?.unread ?? 0) + (counts ? 1 : 0),
    });
    if (!existing && m.id != null) this.refreshConversationsSoon();
    return counts;
  }

  refreshConversationsSoon() {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.loadConversations(), 300);
  }

  // ---- requests ----------------------------------------------------------------------------

  async loadRequests() {
    const me = this.me;
    const requestedAt = Date.now();
    try {
      const { items } = await api.requests();
      if (this.me !== me) return;
      const next = new Map();
      for (const r of items) {
        const known = this.requests.get(r.with);
        // a message that arrived while the list was on its way is newer than the list
        next.set(r.with, known?.lastMessage?.id > r.lastMessage.id ? { ...r, ...known } : r);
        presenceStore.seed(r.with, r.presence, requestedAt);
      }
      this.requests = next;
      this.requestsLoaded = true;
      this.changed();
    } catch {
      // the list keeps what it had; the next change or reconnect reads it again
    }
  }

  /** Files a message that belongs to a request to me: the request's preview and unread count. */
  touchRequest(m) {
    const existing = this.requests.get(m.from);
    if (existing?.lastMessage?.id >= m.id) return false;
    const counts = !this.isReading(m.from);
    this.requests.set(m.from, {
      with: m.from,
      displayName: m.from,
      avatarUrl: `/api/avatars/${encodeURIComponent(m.from)}.svg`,
      ...existing,
      lastMessage: m,
      unread: (existing?.unread ?? 0) + (counts ? 1 : 0),
    });
    if (!existing) this.refreshRequestsSoon();
    return counts;
  }

  refreshRequestsSoon() {
    clearTimeout(this.requestsTimer);
    this.requestsTimer = setTimeout(() => this.loadRequests(), 300);
  }

  /** A request to me became a conversation (accepted here or elsewhere, or I replied). */
  requestBecameConversation(partner) {
    const request = this.requests.get(partner);
    if (!request) return;
    this.requests.delete(partner);
    const existing = this.conversations.get(partner);
    const newer = (existing?.lastMessage?.id ?? 0) > (request.lastMessage?.id ?? 0);
    this.conversations.set(partner, { ...request, lastMessage: newer ? existing.lastMessage : request.lastMessage });
    this.changed();
    this.refreshConversationsSoon();
  }

  /** Accepts `partner`'s request: it moves to the conversations. */
  async acceptRequest(partner) {
    await api.acceptRequest(partner);
    this.requestBecameConversation(partner);
  }

  /** Declines `partner`'s request: it leaves my lists (they are not told). */
  async declineRequest(partner) {
    await api.declineRequest(partner);
    this.requests.delete(partner);
    this.conversations.delete(partner);
    this.changed();
  }

  onRequestUpdate({ from, to, status }) {
    if (to === this.me) {
      if (status === 'accepted') {
        this.requestBecameConversation(from);
      } else {
        const hadRequest = this.requests.delete(from);
        const hadConversation = this.conversations.delete(from);
        if (hadRequest || hadConversation) this.changed();
      }
    } else if (from === this.me && status === 'accepted' && this.sentRequests.delete(to)) {
      this.changed();
    }
  }

  /** Puts a message where it belongs: a request to me, or a conversation. True when it counts unread. */
  file(m) {
    const incoming = m.from !== this.me;
    // a request sent as I accepted it is already part of the conversation
    const talking = Boolean(this.conversations.get(m.from)?.lastMessage) && !this.requests.has(m.from);
    // a call's entry is no answer: it goes where the conversation is
    if (incoming && ((m.request && !talking) || (m.call && this.requests.has(m.from)))) return this.touchRequest(m);
    // not a request (any more): accepted elsewhere
    if (incoming && this.requests.has(m.from)) this.requestBecameConversation(m.from);
    return this.touchConversation(m);
  }

  /** Makes sure a conversation entry exists for someone we are about to write to. */
  ensureConversation(profile) {
    if (this.conversations.has(profile.username) || this.requests.has(profile.username)) return;
    this.conversations.set(profile.username, {
      with: profile.username,
      displayName: profile.displayName,
      avatarUrl: profile.avatarUrl,
      presence: profile.presence,
      lastMessage: null,
      unread: 0,
    });
    this.changed();
  }

  // ---- threads -----------------------------------------------------------------------------

  async openThread(withUser) {
    const thread = this.getThread(withUser);
    if (thread.loaded || thread.loading) return;
    await this.loadPage(withUser, undefined);
  }

  async loadOlder(withUser) {
    const thread = this.getThread(withUser);
    if (!thread.loaded || thread.loading || thread.nextBefore == null) return;
    await this.loadPage(withUser, thread.nextBefore);
  }

  async loadPage(withUser, before) {
    const me = this.me;
    this.updateThread(withUser, (t) => ({ ...t, loading: true, error: null }));
    try {
      const page = await api.history(withUser, before, PAGE_SIZE);
      if (this.me !== me) return;
      if (page.messageMaxLength > 0) this.messageMaxLength = page.messageMaxLength;
      this.updateThread(withUser, (t) => ({
        ...t,
        messages: this.merge(withUser, t.messages, page.items),
        nextBefore: page.nextBefore ?? null,
        loaded: true,
        loading: false,
      }));
      if (this.isReading(withUser)) this.markRead(withUser);
    } catch (err) {
      this.updateThread(withUser, (t) => ({ ...t, loading: false, error: err.message }));
    }
  }

  updateThread(withUser, fn) {
    this.threads.set(withUser, fn(this.getThread(withUser)));
    this.changed();
  }

  /** Adds messages to a thread: one copy per id (or per clientId while pending), in order. */
  merge(withUser, current, incoming) {
    const out = [...current];
    for (const raw of incoming) {
      const m = this.withReceipts(withUser, raw);
      const at = out.findIndex(
        (x) =>
          (m.id != null && x.id === m.id) ||
          (m.clientId && x.clientId === m.clientId && x.from === m.from),
      );
      if (at >= 0) {
        const { pending, failed, error, localSeq } = out[at];
        out[at] = { ...withMarksKept(out[at], m), localSeq, pending: m.id == null ? pending : false, failed, error };
        if (m.id != null) Object.assign(out[at], { failed: false, error: null });
      } else {
        out.push({ ...m, localSeq: this.localSeq++ });
      }
    }
    out.sort(byOrder);
    return out;
  }

  /** Applies delivery and read watermarks, and single confirmations, to one of my messages. */
  withReceipts(withUser, m) {
    if (m.from !== this.me || m.id == null) return m;
    const r = this.receipts.get(withUser);
    if (!r) return m;
    let out = m;
    if (!out.deliveredAt && r.deliveredUpTo >= m.id) out = { ...out, deliveredAt: r.deliveredAt };
    if (!out.deliveredAt && r.confirmed.has(m.id)) out = { ...out, deliveredAt: r.confirmed.get(m.id) };
    if (!out.readAt && r.readUpTo >= m.id) {
      out = { ...out, readAt: r.readAt, deliveredAt: out.deliveredAt ?? r.readAt };
    }
    return out;
  }

  // ---- sending -----------------------------------------------------------------------------

  /**
   * Sends `text` to `to`; `extras.replyTo` is the quote of the message it answers
   * ({id, from, preview}), `extras.photo` an uploaded chat photo (the text is then its caption).
   */
  send(to, text, extras = {}) {
    const message = (text ?? '').trim();
    if ((!message && !extras.photo) || !this.me) return null;
    // replying to a request accepts it
    this.requestBecameConversation(to);
    const clientId = newClientId();
    const m = {
      id: null,
      clientId,
      from: this.me,
      to,
      message,
      timestamp: new Date().toISOString(),
      deliveredAt: null,
      readAt: null,
      pending: true,
      failed: false,
      error: null,
      attempts: 0,
      ...(extras.replyTo ? { replyTo: extras.replyTo } : {}),
      ...(extras.photo ? { photo: extras.photo } : {}),
    };
    this.updateThread(to, (t) => ({ ...t, messages: this.merge(to, t.messages, [m]) }));
    this.touchConversation(m);
    this.changed();
    this.attempt(to, clientId);
    return clientId;
  }

  retry(to, clientId) {
    this.patchMessage(to, clientId, { failed: false, error: null, pending: true, attempts: 0 });
    this.attempt(to, clientId);
  }

  findMessage(to, clientId) {
    return this.getThread(to).messages.find((x) => x.clientId === clientId && x.from === this.me);
  }

  patchMessage(to, clientId, patch) {
    this.updateThread(to, (t) => ({
      ...t,
      messages: t.messages.map((x) =>
        x.clientId === clientId && x.from === this.me ? { ...x, ...patch } : x,
      ),
    }));
  }

  async attempt(to, clientId) {
    const m = this.findMessage(to, clientId);
    if (!m || m.id != null || m.failed || m.inFlight) return;
    // Offline: it stays pending and goes out with the rest of the outbox on reconnect.
    if (!socketService.connected) return;
    this.patchMessage(to, clientId, { inFlight: true, attempts: m.attempts + 1 });
    try {
      const ack = await socketService.sendMessage(to, m.message, clientId, {
        replyTo: m.replyTo?.id,
        photoId: m.photo?.id,
      });
      const current = this.findMessage(to, clientId);
      if (!current) return;
      // the ack says what the server recorded: a repeat may already be delivered or read
      const sent = withMarksKept(current, {
        id: ack.id,
        timestamp: ack.timestamp ?? m.timestamp,
        deliveredAt: ack.deliveredAt ?? null,
        readAt: ack.readAt ?? null,
        pending: false,
        inFlight: false,
        ...(ack.replyTo ? { replyTo: ack.replyTo } : {}),
      });
      this.updateThread(to, (t) => ({ ...t, messages: this.merge(to, t.messages, [sent]) }));
      this.refreshPreview(to, sent);
      if (ack.request && !this.sentRequests.has(to)) {
        this.sentRequests = new Set(this.sentRequests).add(to);
        this.changed();
      } else if (ack.request === false && this.sentRequests.has(to)) {
        this.sentRequests = new Set(this.sentRequests);
        this.sentRequests.delete(to);
        this.changed();
      }
    } catch (err) {
      const current = this.findMessage(to, clientId);
      if (!current) return;
      if (err.code === 'offline' || (err.code === 'timeout' && !socketService.connected)) {
        this.patchMessage(to, clientId, { inFlight: false });
      } else if (err.code === 'timeout' && current.attempts < MAX_AUTO_ATTEMPTS) {
        this.patchMessage(to, clientId, { inFlight: false });
        this.attempt(to, clientId);
      } else {
        this.patchMessage(to, clientId, {
          inFlight: false,
          pending: false,
          failed: true,
          error: err.code === 'timeout' ? 'Not sent: no answer from the server' : err.message,
        });
      }
    }
  }

  refreshPreview(partner, m) {
    const c = this.conversations.get(partner);
    if (c && (!c.lastMessage || c.lastMessage.clientId === m.clientId || c.lastMessage.id == null)) {
      this.conversations.set(partner, { ...c, lastMessage: m });
      this.changed();
    }
  }

  flushOutbox() {
    for (const [partner, thread] of this.threads) {
      for (const m of thread.messages) {
        if (m.from === this.me && m.id == null && !m.failed) {
          this.patchMessage(partner, m.clientId, { inFlight: false, attempts: 0 });
          this.attempt(partner, m.clientId);
        }
      }
    }
  }

  // ---- reading -----------------------------------------------------------------------------

  /** The chat with `withUser` is on screen (or null); `visible` is whether the tab is shown. */
  setActive(withUser, visible) {
    this.active = withUser;
    this.visible = visible;
    if (withUser && visible) this.markRead(withUser);
  }

  isReading(partner) {
    return this.active === partner && this.visible;
  }

  markRead(partner) {
    const thread = this.getThread(partner);
    let newest = 0;
    for (const m of thread.messages) if (m.from === partner && m.id > newest) newest = m.id;
    const c = this.conversations.get(partner);
    if (c?.unread) {
      this.conversations.set(partner, { ...c, unread: 0 });
      this.changed();
    }
    const r = this.requests.get(partner);
    if (r?.unread) {
      this.requests.set(partner, { ...r, unread: 0 });
      this.changed();
    }
    if (!newest || newest <= (this.lastMarked.get(partner) ?? 0)) return;
    this.lastMarked.set(partner, newest);
    socketService.markRead(partner, newest).catch(() => {
      // Try again the next time the chat is looked at.
      if (this.lastMarked.get(partner) === newest) this.lastMarked.delete(partner);
    });
  }

  // ---- server events -----------------------------------------------------------------------

  onNewMessage(m) {
    if (!this.me) return;
    const incoming = m.from !== this.me;
    const partner = incoming ? m.from : m.to;
    const known = this.getThread(partner).messages.some((x) => x.id === m.id);
    if (this.arrivedDuringLoad) this.arrivedDuringLoad.push(m);
    if (this.threads.has(partner)) {
      this.updateThread(partner, (t) => ({ ...t, messages: this.merge(partner, t.messages, [m]) }));
    }
    if (incoming) this.clearTyping(partner);
    const counted = !known && this.file(m);
    this.changed();
    if (incoming && this.isReading(partner)) this.markRead(partner);
    if (incoming && !known) {
      for (const listener of [...this.incomingListeners]) listener(m, counted);
    }
  }

  /** `ids` were confirmed by their recipient's client; everything up to `upToId` is delivered. */
  onDelivered({ by, upToId, ids, at }) {
    this.raiseReceipt(by, { deliveredUpTo: upToId, deliveredAt: at, confirmed: ids ?? [] });
  }

  onRead({ by, with: withUser, upToId, at }) {
    if (by === this.me) {
      // I read them on another tab or device.
      const c = this.conversations.get(withUser);
      if (c?.unread && (c.lastMessage?.id ?? 0) <= upToId) {
        this.conversations.set(withUser, { ...c, unread: 0 });
        this.changed();
      }
      return;
    }
    this.raiseReceipt(by, { readUpTo: upToId, readAt: at, deliveredUpTo: upToId, deliveredAt: at });
  }

  raiseReceipt(partner, patch) {
    const r = {
      readUpTo: 0,
      readAt: null,
      deliveredUpTo: 0,
      deliveredAt: null,
      confirmed: new Map(),
      ...this.receipts.get(partner),
    };
    for (const id of patch.confirmed ?? []) if (!r.confirmed.has(id)) r.confirmed.set(id, patch.deliveredAt);
    if (patch.readUpTo > r.readUpTo) Object.assign(r, { readUpTo: patch.readUpTo, readAt: patch.readAt });
    if (patch.deliveredUpTo > r.deliveredUpTo) {
      Object.assign(r, { deliveredUpTo: patch.deliveredUpTo, deliveredAt: patch.deliveredAt });
    }
    this.receipts.set(partner, r);
    if (this.threads.has(partner)) {
      this.updateThread(partner, (t) => ({
        ...t,
        messages: t.messages.map((m) => this.withReceipts(partner, m)),
      }));
    }
    const c = this.conversations.get(partner);
    if (c?.lastMessage) {
      this.conversations.set(partner, { ...c, lastMessage: this.withReceipts(partner, c.lastMessage) });
      this.changed();
    }
  }

  // ---- reactions ---------------------------------------------------------------------------

  /** Puts `emoji` on message `messageId` (the same again, or null, takes it back). */
  async react(messageId, emoji) {
    const change = await socketService.react(messageId, emoji);
    this.onReaction(change);
    return change;
  }

  /** Someone's reaction to a message changed (`emoji` null: taken back); one per person. */
  onReaction({ messageId, by, emoji }) {
    if (!this.me) return;
    const apply = (m) => {
      const others = (m.reactions ?? []).filter((r) => r.by !== by);
      return { ...m, reactions: emoji ? [...others, { by, emoji }] : others };
    };
    for (const [partner, thread] of this.threads) {
      if (!thread.messages.some((m) => m.id === messageId)) continue;
      this.updateThread(partner, (t) => ({
        ...t,
        messages: t.messages.map((m) => (m.id === messageId ? apply(m) : m)),
      }));
    }
    for (const [partner, c] of this.conversations) {
      if (c.lastMessage?.id === messageId) {
        this.conversations.set(partner, { ...c, lastMessage: apply(c.lastMessage) });
        this.changed();
      }
    }
  }

  onTyping({ from, isTyping }) {
    clearTimeout(this.typingTimers.get(from));
    if (isTyping) {
      this.typing.add(from);
      // No "stopped" may ever come (a closed tab): the indicator expires on its own.
      this.typingTimers.set(
        from,
        setTimeout(() => this.clearTyping(from), TYPING_SHOWN_MS),
      );
      this.typing = new Set(this.typing);
      this.changed();
    } else {
      this.clearTyping(from);
    }
  }

  clearTyping(from) {
    clearTimeout(this.typingTimers.get(from));
    this.typingTimers.delete(from);
    if (!this.typing.has(from)) return;
    this.typing = new Set(this.typing);
    this.typing.delete(from);
    this.changed();
  }

  // ---- subscriptions -----------------------------------------------------------------------

  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called with (message, countedUnread) for every message someone else sent me. */
  /** The name to show for `username`: their display name once a conversation has told it. */
  displayNameOf(username) {
    return this.conversations.get(username)?.displayName ?? this.requests.get(username)?.displayName ?? username;
  }

  onIncoming(listener) {
    this.incomingListeners.add(listener);
    return () => this.incomingListeners.delete(listener);
  }

  changed() {
    const newestFirst = (a, b) => (b.lastMessage?.timestamp ?? '').localeCompare(a.lastMessage?.timestamp ?? '');
    this.conversationsList = [...this.conversations.values()].filter((c) => !this.requests.has(c.with)).sort(newestFirst);
    this.requestsList = [...this.requests.values()].sort(newestFirst);
    for (const listener of [...this.listeners]) listener();
  }
}

const chatStore = new ChatStore();
export default chatStore;
