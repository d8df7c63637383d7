import { presenceKind, presenceLabel } from '../utils/presenceText.js';

const SIZES = { card: 20, large: 16, inline: 12, small: 10 };

/**
 * The coloured dot that says whether someone is online: green (pulsing) online, amber away,
 * red busy, gray offline. `variant` picks the size: card (20 px, on an avatar), large (16 px,
 * next to a profile name), inline (12 px, after a name in a list).
 */
export default function StatusBulb({ presence, variant = 'inline', className = '' }) {
  const kind = presenceKind(presence);
  const px = SIZES[variant] ?? SIZES.inline;
  return (
    <span
      className={`status-bulb status-bulb--${variant} status-bulb--${kind} ${className}`}
      style={{ width: px, height: px }}
      data-testid="status-bulb"
      data-status={kind}
      role="img"
      aria-label={presenceLabel(presence)}
      title={presenceLabel(presence)}
    />
  );
}
