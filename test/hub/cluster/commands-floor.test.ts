import { describe, expect, it, vi } from 'vitest';
import { createWakeups } from '../../../src/hub/cluster/wakeups';
import { createFloorCommands, MAX_TYPING_MONITORS, type TypingSignal } from '../../../src/hub/stream/floor-commands';

/** One replica's commands over in-process wake-ups (SQLite's), recording what it was told to do. */
function replica() {
  const wakeups = createWakeups({});
  const seen = { disconnected: [] as string[], rechecks: 0, typing: [] as TypingSignal[], errors: [] as unknown[] };
  const commands = createFloorCommands({
    wakeups,
    disconnectUser: (userId) => seen.disconnected.push(userId),
    recheckSessions: () => void (seen.rechecks += 1),
    typing: (signal) => seen.typing.push(signal),
    onError: (error) => seen.errors.push(error),
  });
  return { wakeups, commands, seen };
}

const signal = (monitors: string[]): TypingSignal => ({ conversationId: 'c_1', integrationId: 'web-chat', agentId: 'u_agent', at: '2026-12-08T02:00:00.000Z', monitors });

describe('commands on connections, as every replica receives them', () => {
  it('hands a disconnect and a typing signal to this replica at once', async () => {
    const { commands, seen } = replica();
    commands.disconnectUser('u_agent');
    commands.typing(signal(['u_supervisor']));
    expect(seen.disconnected).toEqual(['u_agent']);
    expect(seen.typing).toEqual([signal(['u_supervisor'])]);
  });

  it('ignores and reports a malformed payload, then still acts on the next good one', async () => {
    const { wakeups, commands, seen } = replica();
    await wakeups.notify('hub_disconnect', '{"userId":');
    await wakeups.notify('hub_typing', JSON.stringify({ conversationId: 'c_1', agentId: '<img onerror=alert(1)>' }));
    commands.disconnectUser('u_agent2');
    expect(seen.errors).toHaveLength(2);
    expect(seen.typing).toEqual([]);
    expect(seen.disconnected).toEqual(['u_agent2']);
  });

  it('re-checks its streams when a disconnect may have been missed (a wake without payload, as after a reconnect)', async () => {
    const { wakeups, commands, seen } = replica();
    await wakeups.notify('hub_disconnect');
    commands.disconnectUser('u_agent');
    await vi.waitFor(() => expect(seen.disconnected).toEqual(['u_agent']));
    expect(seen.rechecks).toBe(1);
  });

  it('names at most the supervisors a notification can carry', async () => {
    const { commands, seen } = replica();
    commands.typing(signal(Array.from({ length: MAX_TYPING_MONITORS + 20 }, (_, index) => `u_supervisor_${index}`)));
    expect(seen.typing[0]?.monitors).toHaveLength(MAX_TYPING_MONITORS);
    expect(Buffer.byteLength(JSON.stringify(seen.typing[0]))).toBeLessThan(7999);
  });
});
