import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { NotificationActions } from '../../../src/main/notify/notifier';

// Electron's Notification and node-notifier stand-ins: each records what it was asked to show and
// lets the test press what the OS would report.
const shown: { options: { title: string; body: string; actions?: { text: string }[] }; emit(event: string, ...args: unknown[]): void }[] = [];
vi.mock('electron', () => {
  class Notification {
    static isSupported = () => true;
    private handlers = new Map<string, ((...args: unknown[]) => void)[]>();
    constructor(public options: { title: string; body: string; actions?: { text: string }[] }) {}
    on(event: string, handler: (...args: unknown[]) => void) {
      this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
      return this;
    }
    show() {
      shown.push({ options: this.options, emit: (event, ...args) => this.handlers.get(event)?.forEach((handler) => handler(...args)) });
    }
  }
  return { Notification };
});
const toasts: { options: { title: string; actions?: string[] }; answer(response: string): void }[] = [];
vi.mock('node-notifier', () => ({
  default: {
    notify: (options: { title: string; actions?: string[] }, callback: (error: Error | null, response: string) => void) =>
      void toasts.push({ options, answer: (response) => callback(null, response) }),
  },
}));

const { createElectronNotifier } = await import('../../../src/main/shell/electron-notifier');
const { APP_ID } = await import('../../../src/main/shell/app-identity');

function recorder() {
  const calls: string[] = [];
  const answerable: NotificationActions = { focus: () => calls.push('focus'), accept: () => calls.push('accept'), decline: () => calls.push('decline') };
  return { calls, answerable, focusWindow: () => calls.push('window') };
}
const offer = { id: 'c1', title: 'Maria Okafor', body: 'Refund · waiting 2 min' };

beforeEach(() => {
  shown.length = 0;
  toasts.length = 0;
});

describe('the Electron notifier', () => {
  it('shows Accept and Decline buttons on macOS and runs them: Accept brings the window up first, Decline does not', () => {
    const { calls, answerable, focusWindow } = recorder();
    const notifier = createElectronNotifier(focusWindow, 'darwin');
    notifier.notify(offer, answerable);
    expect(shown[0]!.options.actions?.map((action) => action.text)).toEqual(['Accept', 'Decline']);
    shown[0]!.emit('action', {}, 0);
    expect(calls).toEqual(['window', 'accept']);
    notifier.notify(offer, answerable);
    shown[1]!.emit('action', {}, 1);
    expect(calls).toEqual(['window', 'accept', 'decline']);
  });

  it('brings the window up and focuses the conversation on a click, with no buttons when the offer cannot be answered', () => {
    const { calls, focusWindow } = recorder();
    createElectronNotifier(focusWindow, 'darwin').notify(offer, { focus: () => calls.push('focus') });
    expect(shown[0]!.options.actions).toEqual([]);
    shown[0]!.emit('click');
    expect(calls).toEqual(['window', 'focus']);
  });

  it("sends an answerable offer on Windows through node-notifier's toast buttons and runs the one pressed", () => {
    const { calls, answerable, focusWindow } = recorder();
    createElectronNotifier(focusWindow, 'win32').notify(offer, answerable);
    expect(shown).toHaveLength(0);
    expect(toasts[0]!.options.actions).toEqual(['Accept', 'Decline']);
    toasts[0]!.answer('decline');
    expect(calls).toEqual(['decline']);
  });

  it('labels Windows toasts with the AppUserModelID the installer registers, so they read Warmline and not SnoreToast', () => {
    const { answerable, focusWindow } = recorder();
    createElectronNotifier(focusWindow, 'win32').notify(offer, answerable);
    expect(toasts[0]!.options).toMatchObject({ appName: APP_ID });
  });

  it("keeps Windows notifications that cannot be answered on Electron's own toasts", () => {
    const { focusWindow } = recorder();
    createElectronNotifier(focusWindow, 'win32').notify(offer, { focus: () => undefined });
    expect(toasts).toHaveLength(0);
    expect(shown).toHaveLength(1);
  });
});
