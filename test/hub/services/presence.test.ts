import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPresence, type PresenceOptions, type PresenceStatus } from '../../../src/hub/services/presence';
import type { HubDatabase } from '../../../src/hub/store/database';
import { openTestStore } from '../../support/test-store';

const open: { db: HubDatabase; stop: () => Promise<void> }[] = [];
afterEach(async () => {
  for (const { db, stop } of open.splice(0)) {
    await stop();
    await db.close();
  }
});

/** Presence on a real store with a clock the test moves; `changes` is what its log publishes, in order. */
async function clockedPresence(options: PresenceOptions = {}, start = 1_000) {
  const db = await openTestStore();
  let now = start;
  const presence = createPresence(() => now, options);
  presence.bind(db);
  open.push({ db, stop: presence.stop });
  const changes: [string, PresenceStatus][] = [];
  presence.onChange((agentId, status) => changes.push([agentId, status]));
  /** Reads the whole presence log as a follower does, and hands it to the listeners afresh. */
  const followOnce = async () => {
    changes.length = 0;
    presence.publish(await presence.store().after(0, 1000));
  };
  return { presence, db, changes, followOnce, advance: (ms: number) => (now += ms), at: (ms: number) => (now = ms) };
}

describe('agent presence', () => {
  it('is offline without a live connection whatever the agent chose, and available once connected', async () => {
    const { presence, advance } = await clockedPresence();
    await presence.setChosen('alex', 'available');
    expect((await presence.status('alex')).presence).toBe('offline');
    advance(500);
    await presence.connected('alex');
    expect(await presence.status('alex')).toEqual({ presence: 'available', since: 1_500 });
    expect(await presence.isAvailable('alex')).toBe(true);
  });

  it('counts a connection for routing on its own replica before the store has it', async () => {
    const { presence } = await clockedPresence();
    const writing = presence.connected('alex');
    expect(await presence.isAvailable('alex')).toBe(true);
    await writing;
  });

  it('keeps an agent who chose away out of offers while connected, and says since when', async () => {
    const { presence, advance } = await clockedPresence();
    await presence.connected('alex');
    advance(2_000);
    expect(await presence.setChosen('alex', 'away')).toEqual({ presence: 'away', since: 3_000 });
    expect(await presence.isAvailable('alex')).toBe(false);
  });

  it('stays connected until the last of several connections closes', async () => {
    const { presence } = await clockedPresence();
    await presence.connected('alex');
    await presence.connected('alex');
    await presence.disconnected('alex');
    expect((await presence.status('alex')).presence).toBe('available');
    await presence.disconnected('alex');
    expect((await presence.status('alex')).presence).toBe('offline');
  });

  it('logs each change of effective presence once, in order, and nothing when it did not change', async () => {
    const { presence, changes, followOnce, advance } = await clockedPresence();
    await presence.connected('alex');
    await presence.connected('alex');
    await presence.setChosen('alex', 'available');
    advance(10);
    await presence.setChosen('alex', 'away');
    await presence.disconnected('alex');
    await presence.disconnected('alex');
    await followOnce();
    expect(changes.map(([id, status]) => `${id}:${status.presence}@${status.since}`)).toEqual(['alex:available@1000', 'alex:away@1010', 'alex:offline@1010']);
  });

  it('tells this replica when a change it committed made an agent available, for routing', async () => {
    const { presence } = await clockedPresence();
    const available: string[] = [];
    presence.onAvailable((agentId) => available.push(agentId));
    await presence.connected('alex');
    await presence.setChosen('alex', 'away', 'Lunch');
    await presence.setChosen('alex', 'available');
    expect(available).toEqual(['alex', 'alex']);
  });
});

describe('away reasons and wrap-up', () => {
  it('says why an agent is away, from the reasons the hub offers', async () => {
    const { presence } = await clockedPresence();
    await presence.connected('alex');
    expect(presence.settings().awayReasons).toEqual(['Break', 'Lunch', 'Meeting', 'Training']);
    expect(await presence.setChosen('alex', 'away', 'Lunch')).toMatchObject({ presence: 'away', reason: 'Lunch' });
    expect((await presence.setChosen('alex', 'available')).reason).toBeUndefined();
  });

  it('keeps an agent out of routing for the wrap-up after a chat, then makes them available by itself', async () => {
    const { presence, db, changes, followOnce, at } = await clockedPresence({ wrapUpMs: 300 }, 0);
    await presence.connected('alex');
    await db.write(() => presence.startWrapUp('alex'));
    expect(await presence.status('alex')).toMatchObject({ presence: 'away', reason: 'Wrap-up', until: 300 });
    expect(await presence.isAvailable('alex')).toBe(false);
    at(300);
    // The wrap-up's end is read from the store at once, and logged by the timer of the replica that started it.
    expect(await presence.isAvailable('alex')).toBe(true);
    await vi.waitFor(async () => {
      await followOnce();
      expect(changes.map(([, status]) => `${status.presence}${status.reason ? `:${status.reason}` : ''}`)).toEqual(['available', 'away:Wrap-up', 'available']);
    });
  });

  it('lets the agent end a wrap-up early, and has none when it is configured off', async () => {
    const { presence: wrapping, db } = await clockedPresence({ wrapUpMs: 60_000 });
    await wrapping.connected('alex');
    await db.write(() => wrapping.startWrapUp('alex'));
    expect((await wrapping.setChosen('alex', 'available')).presence).toBe('available');
    const { presence: none, db: noneDb } = await clockedPresence();
    await none.connected('alex');
    await noneDb.write(() => none.startWrapUp('alex'));
    expect(await none.isAvailable('alex')).toBe(true);
  });

  it('leaves an agent who chose away away when their wrap-up ends', async () => {
    const { presence, db, at } = await clockedPresence({ wrapUpMs: 10_000 }, 0);
    await presence.connected('alex');
    await db.write(() => presence.startWrapUp('alex'));
    await presence.setChosen('alex', 'away', 'Break');
    at(10_000);
    await presence.sweep();
    expect(await presence.status('alex')).toMatchObject({ presence: 'away', reason: 'Break' });
  });
});

describe('a replica that dies', () => {
  it("shows its agents offline once its lease runs out, as the sweep logs it", async () => {
    const { presence, db, changes, followOnce, at } = await clockedPresence({ leaseMs: 15_000 }, 0);
    const other = createPresence(() => 0, { leaseMs: 15_000 });
    other.bind(db);
    open.push({ db: { close: async () => undefined } as unknown as HubDatabase, stop: other.stop });
    // Connected on the other replica, which then dies without a word: its lease is all that is left.
    await other.connected('alex');
    await other.stop();
    expect((await presence.status('alex')).presence).toBe('available');
    at(14_999);
    await presence.sweep();
    expect((await presence.status('alex')).presence).toBe('available');
    at(15_000);
    expect((await presence.status('alex')).presence).toBe('offline');
    await presence.sweep();
    await followOnce();
    expect(changes.map(([, status]) => `${status.presence}@${status.since}`)).toEqual(['available@0', 'offline@15000']);
  });
});
