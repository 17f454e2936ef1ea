import { describe, expect, it } from 'vitest';
import { actionNamed, createLinuxNotifier, escapeMarkup, notifySendArguments } from '../../../src/main/notify/libnotify-actions';
import { chosenAction } from '../../../src/main/notify/node-notifier';
import type { NotificationActions, Notifier } from '../../../src/main/notify/notifier';

const HELP_WITH_ACTIONS = 'Usage:\n  notify-send [OPTION…] <SUMMARY> [BODY]\n  -A, --action=[NAME=]Text...  Specifies the actions to display to the user.\n';
const HELP_0_7_8 = 'Usage:\n  notify-send [OPTION…] <SUMMARY> [BODY]\n  -u, --urgency=LEVEL\n';

/** A fake execFile: answers --help with `help` and an actual notification with `printed`. */
function fakeNotifySend(help: string, printed: string, failure: Error | null = null) {
  const runs: string[][] = [];
  const run = (file: string, args: string[], _options: { timeout: number }, done: (error: Error | null, stdout: string) => void) => {
    runs.push([file, ...args]);
    // Answers at once: the notifier's own awaits are then all that stands between press and action.
    if (args[0] === '--help') done(null, help);
    else done(failure, failure ? '' : printed);
  };
  return { run, runs };
}

const recordingActions = () => {
  const pressed: string[] = [];
  const actions: Required<NotificationActions> = { focus: () => pressed.push('focus'), accept: () => pressed.push('accept'), decline: () => pressed.push('decline') };
  return { actions, pressed };
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
const offer = { id: 'c1', title: 'Maria Okafor', body: 'Refund · waiting 2 min', answerable: true };

describe('notify-send with actions', () => {
  it('passes the customer name and body as separate arguments after "--", so a leading "-" stays text', () => {
    const args = notifySendArguments({ title: '--action=x=Pwn', body: '-u critical' }, 'Warmline', true);
    expect(args.slice(-3)).toEqual(['--', '--action=x=Pwn', '-u critical']);
    expect(args).toContain('--action=accept=Accept');
    expect(args).toContain('--action=decline=Decline');
    expect(args).toContain('--action=default=Open');
  });

  it('shows only Open on a notification that cannot be answered', () => {
    const args = notifySendArguments({ title: 'Maria', body: 'x' }, 'Warmline', false);
    expect(args.filter((arg) => arg.startsWith('--action='))).toEqual(['--action=default=Open']);
  });

  it('escapes markup in the body, so "<b>" and "&" are shown as typed', () => {
    expect(escapeMarkup('<img src=x onerror=alert(1)> & <b>bold</b>')).toBe('&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(notifySendArguments({ title: '<b>Maria</b>', body: 'a<b>' }, 'Warmline', false).slice(-2)).toEqual(['<b>Maria</b>', 'a&lt;b&gt;']);
  });

  it('reads the chosen action from what notify-send prints, default being the click', () => {
    expect(actionNamed('accept\n')).toBe('accept');
    expect(actionNamed('decline\n')).toBe('decline');
    expect(actionNamed('default\n')).toBe('focus');
    expect(actionNamed('')).toBeNull();
    expect(actionNamed('2\n')).toBeNull();
  });

  it('runs the action the agent picked', async () => {
    for (const [printed, expected] of [['accept\n', ['accept']], ['decline\n', ['decline']], ['default\n', ['focus']], ['', []]] as const) {
      const fake = fakeNotifySend(HELP_WITH_ACTIONS, printed);
      const { actions, pressed } = recordingActions();
      createLinuxNotifier({ appName: 'Warmline', fallback: { notify: () => undefined }, unavailable: () => undefined, run: fake.run }).notify(offer, actions);
      await settle();
      expect(pressed).toEqual(expected);
    }
  });

  it('asks notify-send for its help once, however many notifications follow', async () => {
    const fake = fakeNotifySend(HELP_WITH_ACTIONS, '');
    const notifier = createLinuxNotifier({ appName: 'Warmline', fallback: { notify: () => undefined }, unavailable: () => undefined, run: fake.run });
    notifier.notify(offer, recordingActions().actions);
    notifier.notify(offer, recordingActions().actions);
    await settle();
    expect(fake.runs.filter((run) => run[1] === '--help')).toHaveLength(1);
    expect(fake.runs.filter((run) => run[1] !== '--help')).toHaveLength(2);
  });

  it('falls back to the other notifier when notify-send has no --action (libnotify before 0.7.9)', async () => {
    const fake = fakeNotifySend(HELP_0_7_8, 'accept\n');
    const fallen: string[] = [];
    const fallback: Notifier = { notify: (notification) => void fallen.push(notification.title) };
    createLinuxNotifier({ appName: 'Warmline', fallback, unavailable: () => undefined, run: fake.run }).notify(offer, recordingActions().actions);
    await settle();
    expect(fallen).toEqual(['Maria Okafor']);
    expect(fake.runs).toHaveLength(1);
  });

  it('reports a failing notification service as unavailable and runs no action', async () => {
    const fake = fakeNotifySend(HELP_WITH_ACTIONS, 'accept\n', new Error('GDBus.Error: no notification server'));
    let unavailable = 0;
    const { actions, pressed } = recordingActions();
    createLinuxNotifier({ appName: 'Warmline', fallback: { notify: () => undefined }, unavailable: () => (unavailable += 1), run: fake.run }).notify(offer, actions);
    await settle();
    expect(unavailable).toBe(1);
    expect(pressed).toEqual([]);
  });
});

describe("node-notifier's answers (Windows toasts, macOS)", () => {
  it('maps the pressed button label, a click, and a dismissal', () => {
    expect(chosenAction('accept')).toBe('accept');
    expect(chosenAction('decline')).toBe('decline');
    expect(chosenAction('activate')).toBe('focus');
    expect(chosenAction('clicked', { activationValue: 'Decline' })).toBe('decline');
    expect(chosenAction('dismissed')).toBeNull();
    expect(chosenAction('timeout')).toBeNull();
  });
});
