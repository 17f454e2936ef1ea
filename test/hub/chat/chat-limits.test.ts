import { afterEach, describe, expect, it } from 'vitest';
import { CHAT_LIMITS, createChatLimits } from '../../../src/hub/chat/chat-limits';
import type { HubDatabase } from '../../../src/hub/store/database';
import { createFloorCounters } from '../../../src/hub/store/floor-counters';
import { openTestStore } from '../../support/test-store';

let clock = 0;
let db: HubDatabase | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

async function limits() {
  // The top of an hour: every window of a test starts with it.
  clock = Date.parse('2026-12-01T09:00:00Z');
  db = await openTestStore();
  return createChatLimits(createFloorCounters(db, () => clock));
}

describe('the web chat limits in the store', () => {
  it('allow a chat its messages a minute, refuse the next until the minute is over, then allow again', async () => {
    const chat = await limits();
    for (let index = 0; index < CHAT_LIMITS.messagesPerChatPerMinute; index += 1) expect((await chat.message('token-1')).allowed).toBe(true);
    clock += 15_000;
    expect(await chat.message('token-1')).toEqual({ allowed: false, retryAfterMs: 45_000 });
    expect((await chat.message('token-2')).allowed).toBe(true);
    clock += 45_000;
    expect((await chat.message('token-1')).allowed).toBe(true);
  });

  it('allow an address its new chats an hour, and say when the hour ends', async () => {
    const chat = await limits();
    for (let index = 0; index < CHAT_LIMITS.sessionsPerAddressPerHour; index += 1) expect((await chat.newChat('203.0.113.7')).allowed).toBe(true);
    expect(await chat.newChat('203.0.113.7')).toEqual({ allowed: false, retryAfterMs: 3600_000 });
    clock += 3600_000;
    expect((await chat.newChat('203.0.113.7')).allowed).toBe(true);
  });

  it('keep no chat token in the table, and sweep the windows that ended', async () => {
    const chat = await limits();
    await chat.message('secret-chat-token');
    await chat.newChat('203.0.113.8');
    clock += 3600_000;
    await chat.message('another-token');
    const keys = (await db!.all<{ key: string }>('SELECT key FROM floor_counters ORDER BY key')).map((row) => row.key);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^chat-messages:[\w-]{43}$/);
    expect(keys.join()).not.toContain('token');
  });
});
