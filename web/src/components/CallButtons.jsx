import callStore from '../services/callStore.js';
import useCall from '../hooks/useCall.js';
import useSocketState from '../hooks/useSocketState.js';
import Icon from './Icon.jsx';

/** Voice and video call buttons for one person (the chat header, their profile). */
export default function CallButtons({ peer, variant = 'icon' }) {
  const call = useCall();
  const socketState = useSocketState();
  const disabled = socketState !== 'connected' || !['idle', 'ended'].includes(call.phase);
  const first = peer.displayName.split(' ')[0];
  const start = (kind) =>
    callStore.start({ username: peer.username, displayName: peer.displayName, avatarUrl: peer.avatarUrl }, kind);
  const className = variant === 'icon' ? 'icon-button call-button' : 'button button--ghost';
  return (
    <div className={`call-buttons call-buttons--${variant}`}>
      <button
        type="button"
        className={className}
        onClick={() => start('audio')}
        disabled={disabled}
        aria-label={`Voice call ${first}`}
        title={`Voice call ${first}`}
        data-testid="voice-call-button"
      >
        <Icon name="phone" size={18} />
        {variant !== 'icon' && ' Voice call'}
      </button>
      <button
        type="button"
        className={className}
        onClick={() => start('video')}
        disabled={disabled}
        aria-label={`Video call ${first}`}
        title={`Video call ${first}`}
        data-testid="video-call-button"
      >
        <Icon name="video" size={18} />
        {variant !== 'icon' && ' Video call'}
      </button>
    </div>
  );
}
