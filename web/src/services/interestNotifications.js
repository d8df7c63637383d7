import interestStore from './interestStore.js';
import { notificationPermission, playChime } from './notifications.js';

const WORDS = {
  pending: (name) => `${name} sent you an interest`,
  accepted: (name) => `${name} accepted your interest`,
  declined: (name) => `${name} declined your interest`,
};

/**
 * A notification when someone sends me an interest or answers mine, while the tab is in the
 * background; `openInterests()` runs when it is clicked. Returns the stop function.
 */
export function startInterestNotifications(me, displayNameOf, openInterests) {
  return interestStore.subscribe((event) => {
    if (event?.type !== 'interest' || event.by === me || document.visibilityState !== 'hidden') return;
    const words = WORDS[event.status];
    if (!words) return;
    playChime();
    if (notificationPermission() !== 'granted') return;
    try {
      const n = new Notification(words(displayNameOf(event.by)), {
        icon: `/api/avatars/${encodeURIComponent(event.by)}.svg`,
        tag: `pulse-interest-${event.by}`,
      });
      n.onclick = () => {
        window.focus();
        openInterests();
        n.close();
      };
    } catch {
      // some platforms only allow notifications from a service worker; the badge remains
    }
  });
}
