import { useEffect, useState } from 'react';

/** The current time, refreshed every `intervalMs`, so "12 min ago" keeps counting. */
export default function useNow(intervalMs = 30_000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}
