import { describe, expect, it } from 'vitest';
import type { TransferNote } from '../../../src/shared/conversation';
import type { Preferences } from '../../../src/shared/ipc';
import { createAnnouncer } from '../../../src/main/notify/announcer';
import { openCache } from '../../../src/main/cache/database';
import { createPreferencesRepository } from '../../../src/main/cache/preferences';
import { ME, offeredAt, offeredView } from './fixtures';

const view = offeredView;

const transferTo = (id: string, at = '2026-11-20T10:00:30Z'): TransferNote => ({
  from: { id: 'u-other', name: 'Tomás Silva' },
  to: { kind: 'agent', id, name: 'Priya Raman' },
  note: 'Account 12345678 verified, wants an exception',
  at,
});

/** The real cache behind the dedupe, so a "restart" is a second announcer on the same database. */
function setup(preferences: Partial<Preferences> = {}) {
  const db = openCache(':memory:');
  const repository = createPreferencesRepository(db);
  repository.update(preferences);
  const shown: { id: string; title: string; body: string; sound?: boolean }[] = [];
  const focused: string[] = [];
  const make = () =>
    createAnnouncer({
      notifier: { notify: (notification) => void shown.push(notification) },
      claim: (key) => repository.claimAnnouncement(key, Date.parse('2026-11-20T10:02:00Z')),
      preferences: repository.get,
      userId: () => ME,
      now: () => new Date('2026-11-20T10:02:00Z'),
      focus: (id) => focused.push(id),
    });
  return { announcer: make(), restart: make, shown, focused, repository };
}

describe('the announcer', () => {
  it('announces an offer to this agent by customer name and issue, without collected fields', () => {
    const { announcer, shown } = setup();
    announcer.offered(view());
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ id: 'c1', title: 'Maria Okafor', body: expect.stringContaining('Refund for boots') });
    expect(JSON.stringify(shown)).not.toContain('12345678');
  });

  it('announces the same offer once, across a reconnect and a restart of the app', () => {
    const { announcer, restart, shown } = setup();
    announcer.offered(view());
    announcer.offered(view());
    restart().offered(view());
    expect(shown).toHaveLength(1);
  });

  it('announces a new offer of the same conversation after the first one ended', () => {
    const { announcer, shown } = setup();
    announcer.offered(view());
    announcer.offered(view({ offer: { agentId: ME, offeredAt: '2026-11-20T10:05:00Z', expiresAt: null } }));
    expect(shown).toHaveLength(2);
  });

  it('stays silent for offers made to someone else or no longer open', () => {
    const { announcer, shown } = setup();
    announcer.offered(view({ offer: { agentId: 'u-other', offeredAt, expiresAt: null } }));
    announcer.offered(view({ state: 'assigned' }));
    expect(shown).toHaveLength(0);
  });

  it('suppresses offers under do-not-disturb but lets a transfer addressed to this agent through', () => {
    const { announcer, shown } = setup({ doNotDisturb: true });
    announcer.offered(view());
    expect(shown).toHaveLength(0);
    announcer.transferred(view({ id: 'c2' }), transferTo(ME));
    expect(shown).toHaveLength(1);
    expect(shown[0]!.body).toMatch(/^Transferred to you/);
    expect(JSON.stringify(shown)).not.toContain('12345678');
  });

  it('ignores transfers to another agent or to a queue', () => {
    const { announcer, shown } = setup();
    announcer.transferred(view(), transferTo('u-other'));
    announcer.transferred(view(), { ...transferTo(ME), to: { kind: 'queue', id: 'returns', name: 'Returns' } });
    expect(shown).toHaveLength(0);
  });

  it('words an offer that a transfer to a queue routed here as a transfer, naming who handed it over', () => {
    const { announcer, shown } = setup();
    const toQueue: TransferNote = { ...transferTo(ME, '2026-11-20T09:59:00Z'), to: { kind: 'queue', id: 'returns', name: 'Returns' } };
    announcer.offered(view({ transfer: toQueue }));
    expect(shown).toHaveLength(1);
    expect(shown[0]!.body).toMatch(/^Transferred to you by Tomás Silva · Refund for boots/);
  });

  it('keeps an offer that a transfer to a queue routed here silent under do-not-disturb, like any offer', () => {
    const { announcer, shown } = setup({ doNotDisturb: true });
    const toQueue: TransferNote = { ...transferTo(ME, '2026-11-20T09:59:00Z'), to: { kind: 'queue', id: 'returns', name: 'Returns' } };
    announcer.offered(view({ transfer: toQueue }));
    announcer.transferred(view({ id: 'c2' }), transferTo(ME));
    expect(shown.map((notification) => notification.id)).toEqual(['c2']);
  });

  it('announces a warm transfer that also arrives as an offer once, as a transfer', () => {
    const { announcer, shown } = setup();
    const transfer = transferTo(ME);
    const transferred = view({ transfer });
    announcer.transferred(transferred, transfer);
    announcer.offered(transferred);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.body).toMatch(/^Transferred to you/);
  });

  it('plays the sound only when the preference asks for it, and a click focuses the conversation', () => {
    const quiet = setup({ sound: false });
    quiet.announcer.offered(view());
    expect(quiet.shown[0]!.sound).toBe(false);
    const loud = setup({ sound: true });
    let click: () => void = () => undefined;
    const announcer = createAnnouncer({
      notifier: {
        notify: (notification, actions) => {
          click = actions.focus;
          loud.shown.push(notification);
        },
      },
      claim: () => true,
      preferences: loud.repository.get,
      userId: () => ME,
      now: () => new Date(),
      focus: (id) => loud.focused.push(id),
    });
    announcer.offered(view());
    expect(loud.shown[0]!.sound).toBe(true);
    click();
    expect(loud.focused).toEqual(['c1']);
  });
});

describe('the preferences repository', () => {
  it('starts with do-not-disturb off and the offer sound on, and keeps what the agent sets', () => {
    const { repository } = setup();
    expect(repository.get()).toEqual({ doNotDisturb: false, sound: true });
    repository.update({ sound: false });
    expect(repository.get()).toEqual({ doNotDisturb: false, sound: false });
  });

  it('forgets announcements on a wipe, so they may be announced again', () => {
    const { repository } = setup();
    expect(repository.claimAnnouncement('offer:c1:t', 1)).toBe(true);
    expect(repository.claimAnnouncement('offer:c1:t', 2)).toBe(false);
    repository.forgetAnnouncements();
    expect(repository.claimAnnouncement('offer:c1:t', 3)).toBe(true);
  });
});
