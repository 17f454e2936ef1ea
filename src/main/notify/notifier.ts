import type { NotificationText } from './notification-text';
import { createLinuxNotifier } from './libnotify-actions';
import { createNodeNotifier } from './node-notifier';

export interface OsNotification extends NotificationText {
  /** The conversation it is about. */
  id: string;
  /** Plays the system sound. */
  sound?: boolean;
  /** An offer still open to this agent: it may be answered from the notification (see offer-answers.ts). */
  answerable?: boolean;
}

/**
 * What the agent can do from a notification. `focus` is the click (and Open), always there; accept
 * and decline are there only for an offer open to this agent, and shown where the platform has
 * action buttons (libnotify with actions, macOS, Windows toasts).
 */
export interface NotificationActions {
  focus(): void;
  accept?(): void;
  decline?(): void;
}

export interface Notifier {
  /** Shows an OS notification; runs the action the agent picks, where the platform reports it. */
  notify(notification: OsNotification, actions: NotificationActions): void;
}

/**
 * OS notifications outside Electron (browser mode), and Electron's fallback. On Linux, notify-send
 * itself when it supports --action (libnotify ≥ 0.7.9): it shows buttons and reports the choice,
 * which node-notifier's notify-send backend cannot (it neither passes actions nor waits). Everywhere
 * else, and on an older libnotify, node-notifier: it knows Windows toasts (with buttons) and
 * macOS's Notification Center. A failure is reported once and never thrown into the sync path.
 */
export function createOsNotifier(appName = 'Warmline', warn: (message: string) => void = console.warn, platform: NodeJS.Platform = process.platform): Notifier {
  let hasWarned = false;
  const unavailable = () => {
    if (!hasWarned) warn('Warmline: OS notifications are unavailable here (no notification service); offers still appear in the inbox.');
    hasWarned = true;
  };
  const fallback = createNodeNotifier(appName, unavailable, platform);
  return platform === 'linux' ? createLinuxNotifier({ appName, fallback, unavailable }) : fallback;
}
