import { useEffect, useSyncExternalStore } from 'react';

// The title of the page on screen ("Search", "Priya Sharma"); null on the dashboard.
let pageTitle = null;
const listeners = new Set();

function setPageTitle(title) {
  if (pageTitle === title) return;
  pageTitle = title;
  for (const l of [...listeners]) l();
}

/** A page names itself; the tab then reads "Search · Pulse" (or "(3) Search · Pulse"). */
export function usePageTitle(title) {
  useEffect(() => {
    setPageTitle(title ?? null);
    return () => setPageTitle(null);
  }, [title]);
}

/** "(3) Search · Pulse" while there are unread messages, so the count shows on the tab. */
export default function useDocumentTitle(unread, base = 'Pulse') {
  const page = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => pageTitle,
  );
  useEffect(() => {
    const title = page ? `${page} · ${base}` : base;
    document.title = unread > 0 ? `(${unread}) ${title}` : title;
  }, [unread, base, page]);
}
