import { execFile } from 'node:child_process';
import { ACTION_LABELS } from './notification-text';
import type { NotificationActions, Notifier } from './notifier';

/** notify-send waits for the agent's choice; past this it is let go (the offer is long decided). */
const WAIT_LIMIT_MS = 10 * 60_000;

/**
 * Body text for a server that reads markup in bodies, as all the common ones do (GNOME Shell, KDE,
 * dunst, mako, xfce4-notifyd): a customer's "<b>" is text, never formatting. The summary (title)
 * carries no markup by the specification, so it is sent as is.
 */
export const escapeMarkup = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** notify-send's arguments: an array for execFile, and `--` so a name starting with "-" stays text. */
export function notifySendArguments(notification: { title: string; body: string; sound?: boolean }, appName: string, answerable: boolean): string[] {
  const buttons = answerable ? [`--action=accept=${ACTION_LABELS.accept}`, `--action=decline=${ACTION_LABELS.decline}`] : [];
  const sound = notification.sound ? ['--hint=string:sound-name:message-new-instant'] : [];
  // "default" is the freedesktop name of the click on the notification itself.
  return [`--app-name=${appName}`, '--urgency=normal', ...sound, ...buttons, `--action=default=${ACTION_LABELS.focus}`, '--', notification.title, escapeMarkup(notification.body)];
}

/** The action notify-send printed, or null when the notification closed unanswered. */
export function actionNamed(stdout: string): keyof NotificationActions | null {
  const name = stdout.trim().split('\n').pop()?.trim();
  if (name === 'accept' || name === 'decline') return name;
  if (name === 'default') return 'focus';
  return null;
}

type Run = (file: string, args: string[], options: { timeout: number }, done: (error: Error | null, stdout: string) => void) => void;
const run: Run = (file, args, options, done) => void execFile(file, args, { ...options, encoding: 'utf8' }, (error, stdout) => done(error, stdout));

export interface LinuxNotifierDeps {
  appName: string;
  /** Used when notify-send cannot show actions (libnotify < 0.7.9) or is not there. */
  fallback: Notifier;
  unavailable(): void;
  /** Runs a program with an argument array, never through a shell; injectable for tests. */
  run?: Run;
}

/**
 * Linux notifications with buttons, through libnotify's notify-send: with --action it shows them,
 * waits, and prints the chosen action's name. Support is detected once, from its --help.
 */
export function createLinuxNotifier(deps: LinuxNotifierDeps): Notifier {
  const exec = deps.run ?? run;
  let supported: Promise<boolean> | null = null;
  const hasActions = () =>
    (supported ??= new Promise((resolve) => exec('notify-send', ['--help'], { timeout: 5_000 }, (error, stdout) => resolve(!error && stdout.includes('--action')))));

  return {
    notify(notification, actions) {
      void hasActions().then((withActions) => {
        if (!withActions) return deps.fallback.notify(notification, actions);
        const answerable = Boolean(actions.accept && actions.decline);
        exec('notify-send', notifySendArguments(notification, deps.appName, answerable), { timeout: WAIT_LIMIT_MS }, (error, stdout) => {
          // Killed at the wait limit is not a failure of the notification service.
          if (error && !(error as { killed?: boolean }).killed) return deps.unavailable();
          const action = error ? null : actionNamed(stdout);
          if (action) actions[action]?.();
        });
      });
    },
  };
}
