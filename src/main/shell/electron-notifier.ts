import { Notification } from 'electron';
import { createOsNotifier, type Notifier } from '../notify/notifier';

/**
 * Inside Electron, notifications go through Electron's own API where the OS supports it, because
 * its click event works on Linux too (notify-send, which node-notifier drives there, reports no
 * clicks). Elsewhere node-notifier does the job. A click focuses the window, then the offer.
 */
export function createElectronNotifier(focusWindow: () => void): Notifier {
  const fallback = createOsNotifier();
  const shown = new Set<Notification>();
  return {
    notify(notification, onClick) {
      const clicked = () => {
        focusWindow();
        onClick();
      };
      if (!Notification.isSupported()) return fallback.notify(notification, clicked);
      const native = new Notification({ title: notification.title, body: notification.body, silent: notification.sound !== true });
      // Keep a reference until it closes, or the click handler is collected with the object.
      shown.add(native);
      native.on('click', clicked);
      native.on('close', () => shown.delete(native));
      native.show();
    },
  };
}
