import { useEffect } from 'react';

/** "(3) Pulse" while there are unread messages, so the count shows on the tab. */
export default function useDocumentTitle(unread, base = 'Pulse') {
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) ${base}` : base;
  }, [unread, base]);
}
