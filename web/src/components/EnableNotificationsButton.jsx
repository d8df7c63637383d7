import { useState } from 'react';
import Icon from './Icon.jsx';
import { notificationPermission, requestNotificationPermission } from '../services/notifications.js';

/** Asks for notification permission only when the user clicks, and only while it is undecided. */
export default function EnableNotificationsButton() {
  const [permission, setPermission] = useState(() => notificationPermission());
  if (permission !== 'default') return null;
  return (
    <button
      type="button"
      className="icon-button icon-button--labelled"
      onClick={async () => setPermission(await requestNotificationPermission())}
      aria-label="Enable notifications"
      title="Get a notification when a message arrives while Pulse is in the background"
    >
      <Icon name="bell" />
      <span className="icon-button__label">Enable notifications</span>
    </button>
  );
}
