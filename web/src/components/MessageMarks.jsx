const LABELS = {
  pending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Not sent',
};

/** The ticks under my message: 🕓 pending, ✓ sent, ✓✓ delivered, blue ✓✓ read. */
export default function MessageMarks({ status }) {
  const glyph = { pending: '🕓', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '!' }[status];
  return (
    <span className={`marks marks--${status}`} data-testid="message-marks" data-status={status} title={LABELS[status]}>
      <span aria-hidden="true">{glyph}</span>
      <span className="visually-hidden">{LABELS[status]}</span>
    </span>
  );
}
