function minutes(seconds) {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * A call's entry in the conversation as its side sees it: "Voice call · 4:12" when answered;
 * else, to the caller, "Video call · No answer" (or declined, cancelled); to the callee, "Missed
 * video call" or "Declined video call".
 */
export function callEntryText(call, mine) {
  const words = call.kind === 'video' ? 'video call' : 'voice call';
  const Words = words[0].toUpperCase() + words.slice(1);
  if (call.answered) return `${Words} · ${minutes(call.durationSeconds ?? 0)}`;
  if (mine) {
    const why = { declined: 'Declined', cancelled: 'Cancelled', busy: 'Busy', unavailable: 'Not online' }[call.reason];
    return `${Words} · ${why ?? 'No answer'}`;
  }
  return call.reason === 'declined' ? `Declined ${words}` : `Missed ${words}`;
}
