import { describe, expect, it } from 'vitest';
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
