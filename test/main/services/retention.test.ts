import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConversationRepository } from '../../../src/main/cache/conversations';
import { openCache } from '../../../src/main/cache/database';
import { purgeExpired } from '../../../src/main/cache/retention';
import { startRetention } from '../../../src/main/services/retention';
import type { CoreEvent } from '../../../src/shared/ipc';
import { conversationView } from '../cache/fixtures/conversations';
import { coreOn, seedCache } from './core-with-cache';

const HOUR = 60 * 60 * 1000;

describe('retention on a timer', () => {
  let db: Database.Database;
  let stop: (() => void) | null = null;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    db = openCache(':memory:');
    const conversations = createConversationRepository(db);
    conversations.save(conversationView({ id: 'long-gone', updatedAt: '2026-08-01T00:00:00Z' }));
    conversations.save(conversationView({ id: 'nearly-due', updatedAt: '2026-08-30T00:00:00Z' }));
    conversations.save(conversationView({ id: 'recent', updatedAt: '2026-11-20T00:00:00Z' }));
  });
  afterEach(() => {
    stop?.();
    db.close();
    vi.useRealTimers();
  });

  const ids = () => createConversationRepository(db).list().map((item) => item.id);

  it('purges what is older than the period at start, then again every 6 hours as the clock moves', () => {
    vi.setSystemTime(new Date('2026-11-27T20:00:00Z'));
    const purged: number[] = [];
    const retention = startRetention({ retentionDays: 90, now: () => new Date(), purge: (cutoff) => purgeExpired(db, cutoff), onPurged: (n) => purged.push(n) });
    stop = retention.stop;
    expect(ids()).toEqual(['recent', 'nearly-due']);
    expect(purged).toEqual([1]);

    vi.advanceTimersByTime(6 * HOUR - 1);
    expect(ids()).toEqual(['recent', 'nearly-due']);
    vi.advanceTimersByTime(1);
    expect(ids()).toEqual(['recent']);
    expect(purged).toEqual([1, 1]);
  });

  it('keeps going after a purge that failed, and refuses a period that is not a positive number of days', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let calls = 0;
    const retention = startRetention({
      retentionDays: 30,
      now: () => new Date(),
      purge: () => {
        calls += 1;
        if (calls === 1) throw new Error('database is locked');
        return 0;
      },
      onPurged: () => undefined,
    });
    stop = retention.stop;
    vi.advanceTimersByTime(6 * HOUR);
    expect(calls).toBe(2);
    expect(errors).toHaveBeenCalledTimes(1);
    errors.mockRestore();
    expect(() => startRetention({ retentionDays: 0, now: () => new Date(), purge: () => 0, onPurged: () => undefined })).toThrow(RangeError);
  });
});

describe('retention in the core', () => {
  it('purges on start with the configured period and tells the UI', () => {
    const dataDir = seedCache([
      conversationView({ id: 'old', updatedAt: '2026-10-01T00:00:00Z' }),
      conversationView({ id: 'new', updatedAt: '2026-11-19T00:00:00Z' }),
    ]);
    const core = coreOn(dataDir, { retentionDays: 30, now: () => new Date('2026-11-20T00:00:00Z') });
    const events: CoreEvent[] = [];
    core.onEvent((event) => events.push(event));
    core.start();
    expect(core.list().map((item) => item.id)).toEqual(['new']);
    expect(events).toContainEqual({ type: 'history:purged', count: 1 });
    core.close();
  });
});
