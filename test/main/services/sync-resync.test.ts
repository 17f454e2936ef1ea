import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCache } from '../../../src/main/cache/database';
import type { ResyncProgress, Snapshot } from '../../../src/main/services/sync';
import type { ConversationView } from '../../../src/shared/conversation';
import type { HubEvent } from '../../../src/shared/protocol';
import { conversationView, message, queueOwner } from '../cache/fixtures/conversations';
import { syncOnCache } from './sync-on-cache';

const views = (count: number): ConversationView[] =>
  Array.from({ length: count }, (_, i) => conversationView({ id: `c${i}`, updatedAt: new Date(Date.UTC(2026, 10, 20, 10, 0, i)).toISOString() }));

const queued = (seq: number): HubEvent => ({
  seq,
  at: '2026-11-20T11:00:00Z',
  conversationId: 'c9',
  type: 'conversation:queued',
  conversation: conversationView({ id: 'c9', owner: queueOwner }),
});

describe('resync', () => {
  let db: Database.Database;
  let progress: ResyncProgress[];
  let applied: string[];
  const setUp = (chunk = 100, resyncRetryMs?: (attempt: number) => number) => {
    const { sync, conversations, profile } = syncOnCache(db, () => ({
      resyncChunkSize: chunk,
      resyncRetryMs,
      onApplied: (changed) => applied.push(...changed),
      onProgress: (step) => progress.push(step),
    }));
    return { sync, conversations, profile };
  };
  beforeEach(() => {
    db = openCache(':memory:');
    progress = [];
    applied = [];
  });
  afterEach(() => db.close());

  it('stores a big snapshot in chunks, reporting how far it has got, and lets the event loop run between chunks', async () => {
    const { sync, conversations, profile } = setUp(100);
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 0);
    const stored = await sync.resync(async () => ({ seq: 9000, conversations: views(2500) }));
    clearInterval(ticker);

    expect(stored?.conversations).toHaveLength(2500);
    expect(conversations.count()).toBe(2500);
    expect(profile.lastSeq()).toBe(9000);
    expect(progress[0]).toEqual({ applied: 0, total: null, done: false });
    expect(progress.slice(1, 4)).toEqual([
      { applied: 100, total: 2500, done: false },
      { applied: 200, total: 2500, done: false },
      { applied: 300, total: 2500, done: false },
    ]);
    expect(progress).toHaveLength(1 + 25 + 1);
    expect(progress.at(-1)).toEqual({ applied: 2500, total: 2500, done: true });
    // Timers ran while it worked: a search, a reply or a heartbeat is not stuck behind the snapshot.
    expect(ticks).toBeGreaterThan(5);
    expect(new Set(applied).size).toBe(2500);
  });

  it('moves the cursor only with the last chunk, so a resync stopped half-way is done again', async () => {
    const { sync, conversations, profile } = setUp(100);
    profile.setLastSeq(40);
    let checks = 0;
    // Asked once before the fetch, then before each chunk: the session ends after two chunks.
    const stored = await sync.resync(
      async () => ({ seq: 9000, conversations: views(500) }),
      () => checks++ < 3,
    );
    expect(stored).toBeNull();
    expect(conversations.count()).toBe(200);
    expect(profile.lastSeq()).toBe(40);
    expect(progress.at(-1)).toMatchObject({ done: true });
  });

  it('holds events streamed during a resync and applies the ones newer than the snapshot on top of it', async () => {
    const { sync, conversations, profile } = setUp(10);
    let release: (snapshot: Snapshot) => void = () => undefined;
    const running = sync.resync(() => new Promise<Snapshot>((resolve) => (release = resolve)));
    const event = (seq: number, text: string): HubEvent => ({
      seq,
      at: '2026-11-20T11:00:00Z',
      conversationId: 'c1',
      type: 'message:added',
      message: message('c1', `m${seq}`, `2026-11-20T11:00:0${seq - 100}Z`, { text }),
    });
    expect(sync.isResyncing).toBe(true);
    sync.applyEvents([event(101, 'already in the snapshot'), event(103, 'after the snapshot')]);
    expect(conversations.has('c1')).toBe(false);

    const snapshot = views(30);
    snapshot[1]!.messages = [message('c1', 'm101', '2026-11-20T11:00:01Z', { text: 'already in the snapshot' })];
    release({ seq: 102, conversations: snapshot });
    await running;

    expect(sync.isResyncing).toBe(false);
    expect(profile.lastSeq()).toBe(103);
    expect(conversations.get('c1')?.messages.map((m) => m.id)).toEqual(['m101', 'm103']);
  });

  it('asks again for a snapshot that failed to arrive, and never moves the cursor past the gap meanwhile', async () => {
    const { sync, conversations, profile } = setUp(10, () => 5);
    profile.setLastSeq(3);
    let attempts = 0;
    let seenCursorDuringRetry = -1;
    const running = sync.resync(async () => {
      attempts += 1;
      if (attempts === 1) {
        // Streamed while the first attempt is on its way: must not be applied over the gap.
        sync.applyEvents([queued(9)]);
        throw new Error('hub gone');
      }
      seenCursorDuringRetry = profile.lastSeq();
      return { seq: 12, conversations: [conversationView({ id: 'c9', owner: queueOwner }), ...views(3)] };
    });
    const stored = await running;

    expect(attempts).toBe(2);
    expect(seenCursorDuringRetry).toBe(3);
    expect(stored?.seq).toBe(12);
    expect(profile.lastSeq()).toBe(12);
    expect(conversations.has('c9')).toBe(true);
    expect(progress.at(-1)).toEqual({ applied: 4, total: 4, done: true });
  });

  it('stops asking when the session ends, leaving the cursor before the gap and applying nothing held', async () => {
    let isCurrent = true;
    const { sync, conversations, profile } = setUp(10, () => 5);
    profile.setLastSeq(3);
    const stored = await sync.resync(async () => {
      sync.applyEvents([queued(9)]);
      isCurrent = false;
      throw new Error('hub gone');
    }, () => isCurrent);

    expect(stored).toBeNull();
    expect(profile.lastSeq()).toBe(3);
    expect(conversations.has('c9')).toBe(false);
    expect(sync.isResyncing).toBe(false);
    expect(progress.at(-1)).toEqual({ applied: 0, total: null, done: true });
  });
});
