import { describe, expect, it, vi } from 'vitest';
import { createPresence, type PresenceStatus } from '../../../src/hub/services/presence';

function clockedPresence() {
  let now = 1_000;
  const presence = createPresence(() => now);
  const changes: [string, PresenceStatus][] = [];
  presence.onChange((agentId, status) => changes.push([agentId, status]));
  return { presence, changes, advance: (ms: number) => (now += ms) };
}

describe('agent presence', () => {
  it('is offline without a live connection whatever the agent chose, and available once connected', () => {
    const { presence, advance } = clockedPresence();
    presence.setChosen('alex', 'available');
    expect(presence.status('alex').presence).toBe('offline');
    advance(500);
    presence.connected('alex');
    expect(presence.status('alex')).toEqual({ presence: 'available', since: 1_500 });
    expect(presence.isAvailable('alex')).toBe(true);
  });

  it('keeps an agent who chose away out of offers while connected, and says since when', () => {
    const { presence, advance } = clockedPresence();
    presence.connected('alex');
    advance(2_000);
    expect(presence.setChosen('alex', 'away')).toEqual({ presence: 'away', since: 3_000 });
    expect(presence.isAvailable('alex')).toBe(false);
  });

  it('stays connected until the last of several connections closes', () => {
    const { presence } = clockedPresence();
    presence.connected('alex');
    presence.connected('alex');
    presence.disconnected('alex');
    expect(presence.status('alex').presence).toBe('available');
    presence.disconnected('alex');
    expect(presence.status('alex').presence).toBe('offline');
  });

  it('tells listeners each change of effective presence once, and nothing when it did not change', () => {
    const { presence, changes, advance } = clockedPresence();
    presence.connected('alex');
    presence.connected('alex');
    presence.setChosen('alex', 'available');
    advance(10);
    presence.setChosen('alex', 'away');
    presence.disconnected('alex');
    presence.disconnected('alex');
    expect(changes.map(([id, status]) => `${id}:${status.presence}@${status.since}`)).toEqual([
      'alex:available@1000',
      'alex:away@1010',
      'alex:offline@1010',
    ]);
  });
});

describe('away reasons and wrap-up', () => {
  it('says why an agent is away, from the reasons the hub offers', () => {
    const { presence } = clockedPresence();
    presence.connected('alex');
    expect(presence.settings().awayReasons).toEqual(['Break', 'Lunch', 'Meeting', 'Training']);
    expect(presence.setChosen('alex', 'away', 'Lunch')).toMatchObject({ presence: 'away', reason: 'Lunch' });
    expect(presence.setChosen('alex', 'available').reason).toBeUndefined();
  });

  it('keeps an agent out of routing for the wrap-up after a chat, then makes them available by itself', () => {
    vi.useFakeTimers();
    try {
      let now = 0;
      const presence = createPresence(() => now, { wrapUpMs: 30_000 });
      const changes: string[] = [];
      presence.onChange((agentId, status) => changes.push(`${status.presence}${status.reason ? `:${status.reason}` : ''}`));
      presence.connected('alex');
      presence.startWrapUp('alex');
      expect(presence.status('alex')).toMatchObject({ presence: 'away', reason: 'Wrap-up', until: 30_000 });
      expect(presence.isAvailable('alex')).toBe(false);
      now = 30_000;
      vi.advanceTimersByTime(30_000);
      expect(presence.isAvailable('alex')).toBe(true);
      expect(changes).toEqual(['available', 'away:Wrap-up', 'available']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('lets the agent end a wrap-up early, and has none when it is configured off', () => {
    const wrapping = createPresence(() => 0, { wrapUpMs: 60_000 });
    wrapping.connected('alex');
    wrapping.startWrapUp('alex');
    expect(wrapping.setChosen('alex', 'available').presence).toBe('available');
    const none = createPresence(() => 0);
    none.connected('alex');
    none.startWrapUp('alex');
    expect(none.isAvailable('alex')).toBe(true);
  });

  it('leaves an agent who chose away away when their wrap-up ends', () => {
    vi.useFakeTimers();
    try {
      const presence = createPresence(() => 0, { wrapUpMs: 10_000 });
      presence.connected('alex');
      presence.startWrapUp('alex');
      presence.setChosen('alex', 'away', 'Break');
      vi.advanceTimersByTime(10_000);
      expect(presence.status('alex')).toMatchObject({ presence: 'away', reason: 'Break' });
    } finally {
      vi.useRealTimers();
    }
  });
});
