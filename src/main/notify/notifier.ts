import notifier from 'node-notifier';
import type { NotificationText } from './notification-text';

export interface Notifier {
  /** Shows an OS notification; `onClick` runs where the platform reports clicks. */
  notify(notification: NotificationText & { id: string }, onClick: () => void): void;
}

/**
 * OS notifications through node-notifier: libnotify/D-Bus on Linux, Notification Center on macOS,
 * toasts on Windows. A failure to notify is logged, never thrown into the sync path.
 */
export function createOsNotifier(appName = 'Warmline'): Notifier {
  return {
    notify(notification, onClick) {
      notifier.notify(
        { title: notification.title, message: notification.body, 'app-name': appName, wait: true, timeout: 10, urgency: 'normal' } as Parameters<typeof notifier.notify>[0],
        (error, response) => {
          if (error) console.warn(`Warmline: could not show a notification (${error.message})`);
          else if (response === 'activate' || response === 'clicked') onClick();
        },
      );
    },
  };
}
