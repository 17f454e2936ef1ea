import { Notification } from 'electron';
import { createLinuxNotifier } from '../notify/libnotify-actions';
import { ACTION_LABELS } from '../notify/notification-text';
import { createNodeNotifier } from '../notify/node-notifier';
import type { NotificationActions, Notifier } from '../notify/notifier';
import { APP_ID, PRODUCT_NAME } from './app-identity';

/**
 * Inside Electron, each platform gets the API that can show Accept/Decline there:
 * - macOS: Electron's Notification, whose `actions` are buttons reported by the 'action' event;
 *   macOS shows them only when Warmline's notifications use the Alerts style (System Settings >
 *   Notifications > Warmline), since Banners hide buttons until hovered and close on their own.
 * - Linux: Electron's Notification has no actions there, so notify-send with --action when
 *   libnotify supports it (see libnotify-actions.ts); Electron's Notification (clicks only) otherwise.
 * - Windows: Electron's toasts have no simple buttons either, so an answerable offer goes through
 *   node-notifier's toaster, whose buttons it reports by label; anything else stays native.
 * A click and Accept bring the window to the front first; Decline leaves the agent where they are.
 */
export function createElectronNotifier(focusWindow: () => void, platform: NodeJS.Platform = process.platform, windowsAppId = APP_ID): Notifier {
  let hasWarned = false;
  const unavailable = () => {
    if (!hasWarned) console.warn('Warmline: OS notifications are unavailable here; offers still appear in the inbox.');
    hasWarned = true;
  };
  const shown = new Set<Notification>();

  const native: Notifier = {
    notify(notification, actions) {
      if (!Notification.isSupported()) return unavailable();
      const buttons = platform === 'darwin' && actions.accept && actions.decline;
      const electronNotification = new Notification({
        title: notification.title,
        body: notification.body,
        silent: notification.sound !== true,
        actions: buttons ? [{ type: 'button', text: ACTION_LABELS.accept }, { type: 'button', text: ACTION_LABELS.decline }] : [],
      });
      // Keep a reference until it closes, or the handlers are collected with the object.
      shown.add(electronNotification);
      electronNotification.on('click', () => actions.focus());
      electronNotification.on('action', (_event, index) => (index === 0 ? actions.accept : actions.decline)?.());
      electronNotification.on('close', () => shown.delete(electronNotification));
      electronNotification.show();
    },
  };
  const toaster = createNodeNotifier(PRODUCT_NAME, unavailable, platform, windowsAppId);
  const linux = createLinuxNotifier({ appName: 'Warmline', fallback: native, unavailable });

  const frontFirst = (actions: NotificationActions): NotificationActions => ({
    focus: () => (focusWindow(), actions.focus()),
    ...(actions.accept ? { accept: () => (focusWindow(), actions.accept?.()) } : {}),
    ...(actions.decline ? { decline: actions.decline } : {}),
  });

  return {
    notify(notification, actions) {
      const chosen = platform === 'linux' ? linux : platform === 'win32' && actions.accept ? toaster : native;
      chosen.notify(notification, frontFirst(actions));
    },
  };
}
