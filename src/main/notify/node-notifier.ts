import notifier from 'node-notifier';
import { ACTION_LABELS } from './notification-text';
import type { NotificationActions, Notifier } from './notifier';

type NodeNotifierOptions = Parameters<typeof notifier.notify>[0];

/**
 * Which action a node-notifier response names. Windows toasts (SnoreToast) answer with the pressed
 * button's label, lower-cased; macOS (terminal-notifier) puts the label in `activationValue`; a
 * plain click is 'activate' or 'clicked' on both.
 */
export function chosenAction(response: string | undefined, metadata?: { activationValue?: string }): keyof NotificationActions | null {
  const answer = (metadata?.activationValue ?? response ?? '').trim().toLowerCase();
  if (answer === ACTION_LABELS.accept.toLowerCase()) return 'accept';
  if (answer === ACTION_LABELS.decline.toLowerCase()) return 'decline';
  if (answer === 'activate' || answer === 'clicked' || answer === ACTION_LABELS.focus.toLowerCase()) return 'focus';
  return null;
}

/**
 * Notifications through node-notifier: toasts on Windows and Notification Center on macOS, with
 * Accept/Decline buttons there when the offer can be answered; on Linux it is the fallback for a
 * notify-send without --action (no buttons, no clicks reported). The error is not passed on as is:
 * node-notifier's message quotes the command line, i.e. the customer's name.
 */
export function createNodeNotifier(appName: string, unavailable: () => void, platform: NodeJS.Platform, windowsAppId?: string): Notifier {
  const hasButtons = platform === 'win32' || platform === 'darwin';
  return {
    notify(notification, actions) {
      const buttons = hasButtons && actions.accept && actions.decline ? [ACTION_LABELS.accept, ACTION_LABELS.decline] : undefined;
      const options = {
        title: notification.title,
        message: notification.body,
        'app-name': appName,
        // SnoreToast labels the toast with the shortcut of this AppUserModelID (node-notifier maps appName to its -appID).
        ...(platform === 'win32' && windowsAppId ? { appName: windowsAppId } : {}),
        wait: true,
        timeout: 10,
        urgency: 'normal',
        sound: notification.sound === true,
        ...(buttons ? { actions: buttons } : {}),
      } as NodeNotifierOptions;
      notifier.notify(options, (error, response, metadata) => {
        if (error) return unavailable();
        const action = chosenAction(response, metadata as { activationValue?: string } | undefined);
        if (action) actions[action]?.();
      });
    },
  };
}
