import socketService from './socketService.js';
import { api } from './api.js';
import { startRinging, stopRinging } from './ringtone.js';

/** How long the screen says why a call ended before it closes by itself. */
const ENDED_SHOWN_MS = 5000;
/**
 * After this tab's connection comes back, how long to wait for the server to give it back its
 * place in the call (`call_resumed`) before taking the call for over.
 */
const RESUME_WAIT_MS = 5000;

const IDLE = Object.freeze({ phase: 'idle' });

/**
 * The one call this tab is in, and its WebRTC connection. The server owns the call (who rings,
 * who answered, why it ended); this store follows its events, carries the media, and relays SDP
 * and ICE candidates through `call_signal`.
 *
 * Phases: `idle`; `outgoing` (ringing the other person); `incoming` (ringing here);
 * `connecting` (answered, media not flowing yet); `active`; `reconnecting` (a connection
 * dropped: ours, theirs, or the media path); `ended` (with `reason`, for a few seconds).
 */
class CallStore {
  constructor() {
    this.state = IDLE;
    this.listeners = new Set();
    this.pc = null;
    this.localStream = null;
    this.remoteStream = null;
    this.pendingCandidates = [];
    this.pendingSignals = [];
    this.endedEarly = new Map();
    this.iceServers = null;
    this.endTimer = null;
    this.resumeTimer = null;
    this.notification = null;

    socketService.on('call_incoming', (e) => this.onIncoming(e));
    socketService.on('call_accepted', (e) => this.onAccepted(e));
    socketService.on('call_ended', (e) => this.onEnded(e));
    socketService.on('call_signal', (e) => this.onSignal(e));
    socketService.on('call_reconnecting', (e) => this.onReconnecting(e));
    socketService.on('call_resumed', (e) => this.onResumed(e));
    socketService.on('disconnect', () => this.onSocketLost());
    socketService.on('connect', () => this.onSocketBack());
  }

  // ---- state -------------------------------------------------------------------------------

  getState() {
    return this.state;
  }

  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  set(patch) {
    this.state = { ...this.state, ...patch };
    for (const listener of [...this.listeners]) listener(this.state);
  }

  /** True while a call is ringing or under way here (a new one cannot start). */
  get busy() {
    return !['idle', 'ended'].includes(this.state.phase);
  }

  // ---- what the person does ----------------------------------------------------------------

  /** Calls `peer` ({username, displayName, avatarUrl}); `kind` is "audio" or "video". */
  async start(peer, kind) {
    if (this.busy) return;
    this.reset();
    this.set({ phase: 'outgoing', role: 'caller', peer, kind, callId: null, muted: false, cameraOff: false });
    startRinging(false);
    this.loadIceServers();
    await this.openMedia(kind);
    let callId;
    try {
      ({ callId } = await socketService.request('call_invite', { to: peer.username, kind }));
    } catch (err) {
      if (this.state.phase === 'outgoing') this.finish(err.message || 'The call could not be placed');
      return;
    }
    if (this.state.phase !== 'outgoing') {
      // hung up while the invite was on its way
      socketService.request('call_cancel', { callId }).catch(() => {});
      return;
    }
    this.set({ callId });
    const early = this.endedEarly.get(callId);
    if (early) this.onEnded({ callId, reason: early });
  }

  async accept() {
    const { callId, kind, phase } = this.state;
    if (phase !== 'incoming') return;
    stopRinging();
    this.closeNotification();
    this.set({ phase: 'connecting' });
    await this.openMedia(kind);
    try {
      await socketService.request('call_accept', { callId });
    } catch (err) {
      this.finish(err.code === 'conflict' ? 'Answered on another device' : err.message);
      return;
    }
    this.set({ answeredAt: Date.now() });
    await this.loadIceServers();
    this.createConnection();
  }

  decline() {
    const { callId, phase } = this.state;
    if (phase !== 'incoming') return;
    socketService.request('call_decline', { callId }).catch(() => {});
    this.finish('You declined the call');
  }

  hangup() {
    const { callId, phase } = this.state;
    if (phase === 'incoming') {
      this.decline();
      return;
    }
    if (phase === 'outgoing') {
      if (callId) socketService.request('call_cancel', { callId }).catch(() => {});
      this.finish('Call cancelled');
      return;
    }
    if (['connecting', 'active', 'reconnecting'].includes(phase)) {
      socketService.request('call_hangup', { callId }).catch(() => {});
      this.finish('Call ended');
    }
  }

  toggleMute() {
    const muted = !this.state.muted;
    this.localStream?.getAudioTracks().forEach((t) => (t.enabled = !muted));
    this.set({ muted });
  }

  toggleCamera() {
    const cameraOff = !this.state.cameraOff;
    this.localStream?.getVideoTracks().forEach((t) => (t.enabled = !cameraOff));
    this.set({ cameraOff });
  }

  /** Closes the "call ended" screen now. */
  dismiss() {
    if (this.state.phase === 'ended') this.reset();
  }

  // ---- server events -----------------------------------------------------------------------

  onIncoming({ callId, from, kind }) {
    if (this.busy) return; // the server says "busy" to a second caller; another tab's call is its own
    this.reset();
    this.set({
      phase: 'incoming',
      role: 'callee',
      callId,
      kind,
      peer: { username: from, displayName: from, avatarUrl: `/api/avatars/${encodeURIComponent(from)}.svg` },
      muted: false,
      cameraOff: false,
    });
    startRinging(true);
    this.loadIceServers();
    api
      .profile(from)
      .then((p) => {
        if (this.state.callId !== callId) return;
        this.set({ peer: { username: p.username, displayName: p.displayName, avatarUrl: p.avatarUrl } });
        this.notify(p.displayName, kind, callId);
      })
      .catch(() => this.notify(from, kind, callId));
  }

  async onAccepted({ callId }) {
    if (callId !== this.state.callId || this.state.phase !== 'outgoing') return;
    stopRinging();
    this.set({ phase: 'connecting', answeredAt: Date.now() });
    await this.loadIceServers();
    this.createConnection();
    await this.offer();
  }

  onEnded({ callId, reason }) {
    if (callId !== this.state.callId) {
      // the end of a call whose invite is still waiting for its answer (busy, unavailable)
      if (this.state.phase === 'outgoing' && !this.state.callId) this.endedEarly.set(callId, reason);
      return;
    }
    if (this.state.phase === 'ended') return;
    if (reason === 'answered_elsewhere') {
      // this device stops ringing; the call goes on on the other one
      this.reset();
      return;
    }
    this.finish(endText(reason, this.state), reason);
  }

  async onSignal({ callId, data }) {
    if (callId !== this.state.callId) return;
    if (!this.pc) {
      this.pendingSignals.push(data);
      return;
    }
    try {
      if (data.type === 'offer') {
        await this.pc.setRemoteDescription(data);
        await this.flushCandidates();
        const answer = await this.pc.createAnswer();
        await this.pc.setLocalDescription(answer);
        this.signal({ type: 'answer', sdp: answer.sdp });
      } else if (data.type === 'answer') {
        await this.pc.setRemoteDescription(data);
        await this.flushCandidates();
      } else if (data.candidate !== undefined) {
        if (this.pc.remoteDescription) await this.pc.addIceCandidate(data);
        else this.pendingCandidates.push(data);
      }
    } catch (err) {
      console.warn('pulse: call signal failed', err);
    }
  }

  /** This tab's connection dropped: a ringing call is gone for it; an answered one waits. */
  onSocketLost() {
    const { phase } = this.state;
    if (phase === 'outgoing') {
      // the server ends a call whose caller left while it rang
      this.finish('The connection was lost');
    } else if (phase === 'incoming') {
      // it rings again on reconnecting if it still rings
      this.reset();
    } else if (['connecting', 'active'].includes(phase)) {
      this.set({ phase: 'reconnecting' });
    }
  }

  /** Back: the server answers with `call_resumed` if the call waited for us; else it is over. */
  onSocketBack() {
    if (!['connecting', 'active', 'reconnecting'].includes(this.state.phase)) return;
    clearTimeout(this.resumeTimer);
    const callId = this.state.callId;
    this.resumeTimer = setTimeout(() => {
      if (this.state.callId === callId && this.state.phase === 'reconnecting') {
        // the server may still hold our old connection in the call: end it for the other side too
        socketService.request('call_hangup', { callId }).catch(() => {});
        this.finish('The connection was lost', 'connection_lost');
      }
    }, RESUME_WAIT_MS);
  }

  onReconnecting({ callId }) {
    if (callId === this.state.callId && !['ended', 'idle'].includes(this.state.phase)) {
      this.set({ phase: 'reconnecting' });
    }
  }

  /** A party is back (maybe this tab, after a reload): a new peer connection, the caller offers. */
  async onResumed({ callId, role, with: other, kind, answeredAt }) {
    clearTimeout(this.resumeTimer);
    if (this.state.callId !== callId) {
      if (this.busy) return;
      this.reset();
      this.set({
        callId,
        role: role === 'caller' ? 'caller' : 'callee',
        kind,
        peer: { username: other, displayName: other, avatarUrl: `/api/avatars/${encodeURIComponent(other)}.svg` },
        answeredAt: Date.parse(answeredAt) || Date.now(),
        muted: false,
        cameraOff: false,
      });
      api.profile(other).then((p) => this.state.callId === callId &&
        this.set({ peer: { username: p.username, displayName: p.displayName, avatarUrl: p.avatarUrl } })).catch(() => {});
      await this.openMedia(kind);
    }
    this.set({ phase: 'reconnecting' });
    this.closeConnection();
    await this.loadIceServers();
    this.createConnection();
    if (this.state.role === 'caller') await this.offer();
  }

  // ---- WebRTC ------------------------------------------------------------------------------

  async loadIceServers() {
    if (this.iceServers) return this.iceServers;
    try {
      this.iceServers = (await api.iceServers()).iceServers;
    } catch {
      this.iceServers = []; // host candidates still connect people on one network
    }
    return this.iceServers;
  }

  async openMedia(kind) {
    if (this.localStream) return;
    const wanted = [{ audio: true, video: kind === 'video' }];
    if (kind === 'video') wanted.push({ audio: true, video: false });
    for (const constraints of wanted) {
      try {
        this.localStream = await navigator.mediaDevices.getUserMedia(constraints);
        this.set({ localStream: this.localStream, mediaError: null });
        return;
      } catch (err) {
        this.set({ mediaError: err.name === 'NotAllowedError' ? 'Camera and microphone are blocked' : 'No camera or microphone found' });
      }
    }
  }

  createConnection() {
    const pc = new RTCPeerConnection({ iceServers: this.iceServers ?? [] });
    this.pc = pc;
    this.remoteStream = new MediaStream();
    this.set({ remoteStream: this.remoteStream });
    const kinds = this.state.kind === 'video' ? ['audio', 'video'] : ['audio'];
    for (const kind of kinds) {
      const track = this.localStream?.getTracks().find((t) => t.kind === kind);
      if (track) pc.addTrack(track, this.localStream);
      else if (this.state.role === 'caller') pc.addTransceiver(kind, { direction: 'recvonly' });
    }
    pc.ontrack = (e) => {
      if (this.pc !== pc) return;
      this.remoteStream.addTrack(e.track);
      this.set({ remoteStream: this.remoteStream, remoteTracks: this.remoteStream.getTracks().length });
    };
    pc.onicecandidate = (e) => {
      if (e.candidate && this.pc === pc) this.signal(e.candidate.toJSON());
    };
    pc.onconnectionstatechange = () => {
      if (this.pc !== pc) return;
      const s = pc.connectionState;
      if (s === 'connected') this.set({ phase: 'active' });
      else if ((s === 'disconnected' || s === 'failed') && this.state.phase === 'active') this.set({ phase: 'reconnecting' });
    };
    const queued = this.pendingSignals;
    this.pendingSignals = [];
    queued.forEach((data) => this.onSignal({ callId: this.state.callId, data }));
  }

  async offer() {
    const pc = this.pc;
    if (!pc) return;
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    this.signal({ type: 'offer', sdp: offer.sdp });
  }

  async flushCandidates() {
    const queued = this.pendingCandidates;
    this.pendingCandidates = [];
    for (const c of queued) await this.pc.addIceCandidate(c).catch(() => {});
  }

  signal(data) {
    socketService.request('call_signal', { callId: this.state.callId, data }).catch((err) => {
      if (err.code !== 'unavailable') console.warn('pulse: call_signal refused', err.message);
    });
  }

  // ---- ending ------------------------------------------------------------------------------

  /** Ends the call here: media off, the reason on screen for a few seconds. */
  finish(reason, code = null) {
    clearTimeout(this.resumeTimer);
    stopRinging();
    this.closeNotification();
    this.closeConnection();
    this.stopMedia();
    this.set({ phase: 'ended', reason, reasonCode: code, remoteStream: null, localStream: null });
    clearTimeout(this.endTimer);
    this.endTimer = setTimeout(() => this.state.phase === 'ended' && this.reset(), ENDED_SHOWN_MS);
  }

  reset() {
    clearTimeout(this.endTimer);
    clearTimeout(this.resumeTimer);
    stopRinging();
    this.closeNotification();
    this.closeConnection();
    this.stopMedia();
    this.pendingSignals = [];
    this.endedEarly.clear();
    this.state = IDLE;
    this.set({});
  }

  closeConnection() {
    if (this.pc) {
      this.pc.onconnectionstatechange = null;
      this.pc.close();
    }
    this.pc = null;
    this.pendingCandidates = [];
  }

  stopMedia() {
    this.localStream?.getTracks().forEach((t) => t.stop());
    this.localStream = null;
    this.remoteStream = null;
  }

  notify(name, kind, callId) {
    if (document.visibilityState !== 'hidden' || !('Notification' in window) || Notification.permission !== 'granted') return;
    try {
      const n = new Notification(`Incoming ${kind === 'video' ? 'video' : 'voice'} call`, {
        body: `${name} is calling you`,
        icon: this.state.peer?.avatarUrl,
        tag: `pulse-call-${callId}`,
        requireInteraction: true,
      });
      n.onclick = () => {
        window.focus();
        n.close();
      };
      this.notification = n;
    } catch {
      // some platforms allow notifications only from a service worker: the screen still rings
    }
  }

  closeNotification() {
    this.notification?.close();
    this.notification = null;
  }
}

/** Why a call ended, in words for the person on this side of it. */
export function endText(reason, { role, peer }) {
  const name = peer?.displayName?.split(' ')[0] ?? 'They';
  const caller = role === 'caller';
  switch (reason) {
    case 'declined':
      return caller ? `${name} declined the call` : 'Declined on another device';
    case 'cancelled':
      return caller ? 'Call cancelled' : `Missed call from ${name}`;
    case 'missed':
      return caller ? `${name} did not answer` : `Missed call from ${name}`;
    case 'unavailable':
      return `${name} is not online right now`;
    case 'busy':
      return `${name} is in another call`;
    case 'hangup':
      return `${name} hung up`;
    case 'connection_lost':
      return 'The connection was lost';
    case 'blocked':
      return 'The call ended';
    case 'answered_elsewhere':
      return 'Answered on another device';
    default:
      return 'Call ended';
  }
}

const callStore = new CallStore();
// a handle for diagnostics in the console (and the browser test's look at the connection's stats)
if (typeof window !== 'undefined') window.pulseCall = callStore;
export default callStore;
