import { useSyncExternalStore } from 'react';

function subscribe(cb) {
  document.addEventListener('visibilitychange', cb);
  window.addEventListener('focus', cb);
  window.addEventListener('blur', cb);
  return () => {
    document.removeEventListener('visibilitychange', cb);
    window.removeEventListener('focus', cb);
    window.removeEventListener('blur', cb);
  };
}

/** Whether the tab is shown (not minimised or in the background). */
export default function usePageVisible() {
  return useSyncExternalStore(subscribe, () => document.visibilityState === 'visible');
}
