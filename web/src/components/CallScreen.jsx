import { useEffect, useRef } from 'react';
import callStore from '../services/callStore.js';
import useCall from '../hooks/useCall.js';
import useNow from '../hooks/useNow.js';
import Avatar from './Avatar.jsx';
import Icon from './Icon.jsx';

/** The incoming-call screen or the in-call screen, over whatever page is open. */
export default function CallScreen() {
  const call = useCall();
  if (call.phase === 'idle') return null;
  if (call.phase === 'incoming') return <IncomingCall call={call} />;
  return <InCall call={call} />;
}

function kindWords(kind) {
  return kind === 'video' ? 'video call' : 'voice call';
}

function IncomingCall({ call }) {
  const accept = useRef(null);
  useEffect(() => accept.current?.focus(), []);
  const name = call.peer.displayName;
  return (
    <div className="call-overlay call-overlay--incoming" data-testid="incoming-call">
      <div
        className="incoming-call"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="incoming-call-title"
        aria-describedby="incoming-call-what"
        onKeyDown={(e) => e.key === 'Escape' && callStore.decline()}
      >
        <div className="incoming-call__photo">
          <span className="incoming-call__ring" aria-hidden="true" />
          <span className="incoming-call__ring incoming-call__ring--late" aria-hidden="true" />
          <Avatar src={call.peer.avatarUrl} name={name} size={132} />
        </div>
        <h2 id="incoming-call-title" className="incoming-call__name" data-testid="incoming-call-name">
          {name}
        </h2>
        <p id="incoming-call-what" className="incoming-call__what">
          <Icon name={call.kind === 'video' ? 'video' : 'phone'} size={18} /> Incoming {kindWords(call.kind)}…
        </p>
        <div className="incoming-call__actions">
          <CallAction
            look="decline"
            icon="hangup"
            iconSize={30}
            label={`Decline the call from ${name}`}
            caption="Decline"
            onClick={() => callStore.decline()}
            testId="decline-call"
          />
          <CallAction
            ref={accept}
            look="accept"
            icon={call.kind === 'video' ? 'video' : 'phone'}
            iconSize={30}
            label={`Accept the ${kindWords(call.kind)} from ${name}`}
            caption="Accept"
            onClick={() => callStore.accept()}
            testId="accept-call"
          />
        </div>
      </div>
    </div>
  );
}

/**
 * A round call button with its caption under it. The caption is for the eye only: the button's
 * own `label` is what assistive technology reads. `pressed` (a toggle's state) also lights the
 * button up; left out, the button is no toggle.
 */
function CallAction({ ref, look, icon, iconSize = 26, pressed, label, caption, onClick, testId }) {
  return (
    <div className="call-action">
      <button
        type="button"
        ref={ref}
        className={`round-button round-button--${look}${pressed ? ' round-button--on' : ''}`}
        onClick={onClick}
        aria-pressed={pressed}
        aria-label={label}
        data-testid={testId}
      >
        <Icon name={icon} size={iconSize} />
      </button>
      <span aria-hidden="true">{caption}</span>
    </div>
  );
}

function useMediaStream(stream) {
  const ref = useRef(null);
  useEffect(() => {
    if (ref.current && ref.current.srcObject !== stream) ref.current.srcObject = stream ?? null;
  });
  return ref;
}

function statusText(call, now) {
  switch (call.phase) {
    case 'outgoing':
      return 'Ringing…';
    case 'connecting':
      return 'Connecting…';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'active':
      return duration(now - (call.answeredAt ?? now));
    case 'ended':
      return call.reason;
    default:
      return '';
  }
}

function duration(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}

function InCall({ call }) {
  const now = useNow(1000);
  const remote = useMediaStream(call.remoteStream);
  const local = useMediaStream(call.localStream);
  const hangup = useRef(null);
  const close = useRef(null);
  const ended = call.phase === 'ended';
  const video = call.kind === 'video';
  const remoteVideo = video && call.phase === 'active' && call.remoteStream?.getVideoTracks().length > 0;
  const showPreview = video && call.localStream?.getVideoTracks().length > 0 && !ended;
  const name = call.peer.displayName;

  useEffect(() => {
    (ended ? close : hangup).current?.focus();
  }, [ended]);

  return (
    <div
      className={`call-overlay call-screen call-screen--${call.phase} ${remoteVideo ? 'call-screen--with-video' : ''}`}
      role="dialog"
      aria-modal="true"
      aria-label={`${video ? 'Video' : 'Voice'} call with ${name}`}
      data-testid="call-screen"
      data-phase={call.phase}
    >
      {/* the remote stream plays here even in a voice call: it carries the sound */}
      <video ref={remote} className="call-screen__remote" autoPlay playsInline data-testid="remote-video" />
      {!remoteVideo && (
        <div className="call-screen__who" aria-hidden="true">
          <Avatar src={call.peer.avatarUrl} name={name} size={148} />
        </div>
      )}
      <header className="call-screen__top">
        <h2 className="call-screen__name">{name}</h2>
        <p className="call-screen__status" role="status" aria-live="polite" data-testid="call-status">
          {statusText(call, now)}
        </p>
        {call.mediaError && !ended && <p className="call-screen__warning">{call.mediaError}</p>}
      </header>
      {showPreview && (
        <video
          ref={local}
          className={`call-screen__preview ${call.cameraOff ? 'call-screen__preview--off' : ''}`}
          autoPlay
          playsInline
          muted
          aria-label="Your camera"
          data-testid="local-video"
        />
      )}
      <div className="call-screen__controls">
        {ended ? (
          <CallAction
            ref={close}
            look="plain"
            icon="close"
            label="Close"
            caption="Close"
            onClick={() => callStore.dismiss()}
            testId="close-call"
          />
        ) : (
          <>
            <CallAction
              look="plain"
              icon={call.muted ? 'micOff' : 'mic'}
              pressed={Boolean(call.muted)}
              label="Mute microphone"
              caption={call.muted ? 'Unmute' : 'Mute'}
              onClick={() => callStore.toggleMute()}
              testId="mute-button"
            />
            {video && (
              <CallAction
                look="plain"
                icon={call.cameraOff ? 'videoOff' : 'video'}
                pressed={Boolean(call.cameraOff)}
                label="Turn camera off"
                caption={call.cameraOff ? 'Camera on' : 'Camera off'}
                onClick={() => callStore.toggleCamera()}
                testId="camera-button"
              />
            )}
            <CallAction
              ref={hangup}
              look="decline"
              icon="hangup"
              iconSize={30}
              label={call.phase === 'outgoing' ? 'Cancel the call' : 'Hang up'}
              caption={call.phase === 'outgoing' ? 'Cancel' : 'Hang up'}
              onClick={() => callStore.hangup()}
              testId="hangup-button"
            />
          </>
        )}
      </div>
    </div>
  );
}
