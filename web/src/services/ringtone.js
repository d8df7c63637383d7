/**
 * The ringtone of an incoming call and the ring-back a caller hears, made with WebAudio (no
 * sound files). A page may only play sound after a user gesture; before one, it stays silent
 * and the incoming-call screen and notification carry the call.
 */
let context = null;
let timer = null;

function audio() {
  try {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (Ctx && !context) context = new Ctx();
    context?.resume?.();
  } catch {
    context = null;
  }
  return context;
}

function burst(ctx, notes, volume) {
  const now = ctx.currentTime;
  notes.forEach(([freq, offset, length]) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, now + offset);
    gain.gain.exponentialRampToValueAtTime(volume, now + offset + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + offset + length);
    osc.connect(gain).connect(ctx.destination);
    osc.start(now + offset);
    osc.stop(now + offset + length + 0.05);
  });
}

/** Starts ringing: `incoming` a bright two-tone ring every 2.5 s; else the caller's soft ring-back. */
export function startRinging(incoming) {
  stopRinging();
  const ring = () => {
    const ctx = audio();
    if (!ctx || ctx.state !== 'running') return;
    if (incoming) {
      burst(ctx, [[784, 0, 0.35], [988, 0.4, 0.35], [784, 0.8, 0.35], [988, 1.2, 0.35]], 0.2);
    } else {
      burst(ctx, [[440, 0, 1.0], [480, 0, 1.0]], 0.06);
    }
  };
  ring();
  timer = setInterval(ring, incoming ? 2500 : 3000);
}

export function stopRinging() {
  clearInterval(timer);
  timer = null;
}
