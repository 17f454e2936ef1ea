import { describe, expect, it } from 'vitest';
import type { DeclineReason, TransferNote } from '../../../src/shared/conversation';
import { createAnnouncer } from '../../../src/main/notify/announcer';
import type { NotificationActions, OsNotification } from '../../../src/main/notify/notifier';
import { answeringOffers, NOTIFICATION_DECLINE } from '../../../src/main/notify/offer-answers';
import { ME, offeredView } from './fixtures';

const view = offeredView;

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The announcer behind the same wrapper the core puts around the OS notifier, with a notifier that
 * records what was shown and lets the test press its buttons, and a core that records answers.
 */
function setup(core: { accept?: (id: string) => Promise<unknown>; decline?: (id: string) => Promise<unknown> } = {}) {
  const shown: { notification: OsNotification; actions: NotificationActions }[] = [];
  const calls: string[] = [];
  const notifier = answeringOffers(
    { notify: (notification, actions) => void shown.push({ notification, actions }) },
    {
      accept: (id) => (calls.push(`accept ${id}`), core.accept?.(id) ?? Promise.resolve()),
      decline: (id: string, reason: string, code: DeclineReason) => (calls.push(`decline ${id} ${code} ${reason}`), core.decline?.(id) ?? Promise.resolve()),
      opened: (id) => calls.push(`opened ${id}`),
    },
  );
  const announcer = createAnnouncer({
    notifier,
    claim: () => true,
    preferences: () => ({ doNotDisturb: false, sound: false }),
    userId: () => ME,
    now: () => new Date('2026-11-20T10:02:00Z'),
    focus: (id) => calls.push(`focus ${id}`),
  });
  return { announcer, shown, calls };
}

describe('answering an offer from its OS notification', () => {
  it('accepts through the core and then opens the conversation when the agent presses Accept', async () => {
    const { announcer, shown, calls } = setup();
    announcer.offered(view());
    expect(shown[0]!.notification).toEqual({ id: 'c1', title: 'Maria Okafor', body: expect.stringContaining('Refund for boots'), sound: false });
    shown[0]!.actions.accept!();
    await settle();
    expect(calls).toEqual(['accept c1', 'opened c1']);
  });

  it('declines through the core as busy, saying it came from the notification, when the agent presses Decline', async () => {
    const { announcer, shown, calls } = setup();
    announcer.offered(view());
    shown[0]!.actions.decline!();
    await settle();
    expect(calls).toEqual([`decline c1 busy ${NOTIFICATION_DECLINE.reason}`]);
    expect(NOTIFICATION_DECLINE.code).toBe('busy');
  });

  it('focuses the conversation on a click, without answering the offer', () => {
    const { announcer, shown, calls } = setup();
    announcer.offered(view());
    shown[0]!.actions.focus();
    expect(calls).toEqual(['focus c1']);
  });

  it('answers once, however many times the buttons are pressed', async () => {
    const { announcer, shown, calls } = setup();
    announcer.offered(view());
    shown[0]!.actions.accept!();
    shown[0]!.actions.accept!();
    shown[0]!.actions.decline!();
    await settle();
    expect(calls).toEqual(['accept c1', 'opened c1']);
  });

  it("shows the hub's refusal in a follow-up notification naming only the customer when Accept fails", async () => {
    const { announcer, shown, calls } = setup({ accept: () => Promise.reject(new Error('This offer has expired.')) });
    announcer.offered(view());
    shown[0]!.actions.accept!();
    await settle();
    expect(calls).toEqual(['accept c1']);
    expect(shown).toHaveLength(2);
    expect(shown[1]!.notification).toMatchObject({ id: 'c1', title: 'Could not accept the offer', body: 'Maria Okafor: This offer has expired.' });
    expect(shown[1]!.actions.accept).toBeUndefined();
    shown[1]!.actions.focus();
    expect(calls).toEqual(['accept c1', 'focus c1']);
  });

  it('shows a failed decline the same way', async () => {
    const { announcer, shown } = setup({ decline: () => Promise.reject(new Error('Offer not found.')) });
    announcer.offered(view());
    shown[0]!.actions.decline!();
    await settle();
    expect(shown[1]!.notification).toMatchObject({ title: 'Could not decline the offer', body: 'Maria Okafor: Offer not found.' });
  });

  it('gives a warm transfer that arrives as an offer to this agent the same Accept and Decline', async () => {
    const { announcer, shown, calls } = setup();
    const transfer: TransferNote = { from: { id: 'u-other', name: 'Tomás Silva' }, to: { kind: 'agent', id: ME, name: 'Priya Raman' }, note: 'verified', at: '2026-11-20T10:00:30Z' };
    announcer.transferred(view({ transfer }), transfer);
    expect(shown[0]!.notification.body).toMatch(/^Transferred to you/);
    shown[0]!.actions.accept!();
    await settle();
    expect(calls).toEqual(['accept c1', 'opened c1']);
  });

  it('offers only a click on a transfer that is no longer an open offer to this agent', () => {
    const { announcer, shown } = setup();
    const transfer: TransferNote = { from: { id: 'u-other', name: 'Tomás Silva' }, to: { kind: 'agent', id: ME, name: 'Priya Raman' }, note: 'verified', at: '2026-11-20T10:00:30Z' };
    announcer.transferred(view({ state: 'assigned', offer: null, transfer }), transfer);
    expect(shown[0]!.actions.accept).toBeUndefined();
    expect(shown[0]!.actions.decline).toBeUndefined();
  });
});
