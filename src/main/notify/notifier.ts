import notifier from 'node-notifier';
import type { NotificationText } from './notification-text';

export interface Notifier {
  /** Shows an OS notification; `onClick` runs where the platform reports clicks. `sound` plays the system sound. */
  notify(notification: NotificationText & { id: string; sound?: boolean }, onClick: () => void): void;
}

/**
 * OS notifications through node-notifier: libnotify/D-Bus on Linux, Notification Center on macOS,
 * toasts on Windows. A failure is reported once and never thrown into the sync path. The error is
 * not logged as is: node-notifier's message quotes the command line, i.e. the customer's name.
 */
export function createOsNotifier(appName = 'Warmline', warn: (message: string) => void = console.warn): Notifier {
  let hasWarned = false;
  return {
    notify(notification, onClick) {
      notifier.notify(
        { title: notification.title, message: notification.body, 'app-name': appName, wait: true, timeout: 10, urgency: 'normal', sound: notification.sound === true } as Parameters<typeof notifier.notify>[0],
        (error, response) => {
          if (error) {
            if (!hasWarned) warn('Warmline: OS notifications are unavailable here (no notification service); offers still appear in the inbox.');
            hasWarned = true;
          } else if (response === 'activate' || response === 'clicked') onClick();
        },
      );
    },
  };
}
