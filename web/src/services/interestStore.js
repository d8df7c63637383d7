import socketService from './socketService.js';
import { api } from './api.js';

/**
 * Interests and shortlist changes as the server announces them (`interest_update`,
 * `shortlist_update`): pages showing them reload on each, and the number of interests waiting
 * for my answer is kept for the navigation badge.
 */
const listeners = new Set();
let waiting = 0;
let me = null;

function notify(event) {
  for (const listener of [...listeners]) listener(event);
}

async function refreshWaiting() {
  try {
    const { items } = await api.interests('received');
    waiting = items.filter((i) => i.status === 'pending').length;
  } catch {
    // the badge keeps its last value; the next change tries again
  }
  notify(null);
}

const interestStore = {
  /** Starts listening for `username`; returns the stop function. */
  start(username) {
    me = username;
    refreshWaiting();
    const offInterest = socketService.on('interest_update', (event) => {
      if (event.to === me) refreshWaiting();
      notify({ type: 'interest', ...event });
    });
    const offShortlist = socketService.on('shortlist_update', (event) => notify({ type: 'shortlist', ...event }));
    // what changed while the connection was down is read again
    const offConnect = socketService.on('connect', () => {
      refreshWaiting();
      notify({ type: 'reconnected' });
    });
    return () => {
      offInterest();
      offShortlist();
      offConnect();
      me = null;
    };
  },

  /** `listener(event)` on every change (event null when only the badge count changed). */
  subscribe(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },

  waiting() {
    return waiting;
  },
};

export default interestStore;
