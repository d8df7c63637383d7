import { useEffect, useRef, useState } from 'react';

/** The counter shows over the last tenth of the limit. */
const SHOWN_FROM = 0.9;
/** Screen readers hear the counter once typing pauses this long, never on every keystroke. */
const ANNOUNCE_AFTER_MS = 1200;

const number = (n) => n.toLocaleString('en');
const characters = (n) => `${number(n)} ${n === 1 ? 'character' : 'characters'}`;

/**
 * "1,850 / 2,000" near the server's limit; past it, red and saying by how much, while the
 * composer refuses to send. `id` is what the message field's aria-describedby names.
 */
export default function CharCounter({ id, length, max }) {
  const over = length - max;
  const state = over > 0 ? 'over' : length >= Math.ceil(max * SHOWN_FROM) ? 'near' : 'ok';
  // what is worth saying: entering the last tenth, and each new overshoot once typing pauses
  const news = state === 'over' ? `over:${over}` : state;
  const spoken =
    state === 'over'
      ? `${characters(over)} over the limit of ${number(max)}. Shorten the message to send it.`
      : state === 'near'
        ? `${characters(max - length)} left`
        : '';
  const [announcement, setAnnouncement] = useState('');
  const lastNews = useRef('ok');

  useEffect(() => {
    const timer = setTimeout(() => {
      if (news === lastNews.current) return;
      lastNews.current = news;
      setAnnouncement(spoken);
    }, ANNOUNCE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [news, spoken]);

  return (
    <>
      <p id={id} className={`char-counter char-counter--${state}`} data-testid="char-counter" data-state={state}>
        {state !== 'ok' && (
          <>
            <span className="char-counter__count">
              {number(length)} / {number(max)}
            </span>
            {state === 'over' && (
              <span className="char-counter__over" data-testid="char-counter-over">
                {characters(over)} over the limit
              </span>
            )}
          </>
        )}
      </p>
      <span className="visually-hidden" aria-live="polite" data-testid="char-counter-announcer">
        {announcement}
      </span>
    </>
  );
}
