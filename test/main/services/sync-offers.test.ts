import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCache } from '../../../src/main/cache/database';
import type { Offer } from '../../../src/shared/conversation';
import type { HubEvent } from '../../../src/shared/protocol';
import { conversationView, queueOwner } from '../cache/fixtures/conversations';
import { syncOnCache } from './sync-on-cache';

const AT = '2026-11-20T10:13:00Z';
const offer: Offer = { agentId: 'u-agent', offeredAt: AT, expiresAt: null };
const offered = (seq: number, id: string): HubEvent => ({
  seq,
  at: AT,
  conversationId: id,
  type: 'conversation:offered',
  conversation: conversationView({ id, state: 'offered', offer }),
  offer,
});
const declined = (seq: number, id: string): HubEvent => ({ seq, at: AT, conversationId: id, type: 'conversation:state-changed', state: 'queued', owner: queueOwner, offer: null });

describe('offers in streamed events', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = openCache(':memory:');
  });
  afterEach(() => db.close());

  const setUp = () => {
    const told: { ids: string[]; cachedThen: boolean[] }[] = [];
    const applied: string[] = [];
    const { sync, conversations, profile } = syncOnCache(db, ({ conversations }) => ({
      onOffers: (offers) => told.push({ ids: offers.map((view) => view.id), cachedThen: offers.map((view) => conversations.get(view.id) !== null) }),
      onApplied: (changed) => applied.push(...changed),
    }));
    return { sync, conversations, profile, told, applied };
  };

  it('tells of an offer before its transcript is written, and has it cached with its transcript once the events are handled', () => {
    const { sync, conversations, profile, told, applied } = setUp();

    sync.applyEvents([offered(1, 'c-1')]);

    // Told first (nothing cached yet), so the notification does not wait for the write ...
    expect(told).toEqual([{ ids: ['c-1'], cachedThen: [false] }]);
    // ... and by the time anything else can run, what was told is in the cache, cursor included.
    const cached = conversations.get('c-1');
    expect(cached?.state).toBe('offered');
    expect(cached?.offer).toEqual(offer);
    expect(cached?.envelope.transcript.map((turn) => turn.text)).toContain('Order 555, bought two months ago');
    expect(profile.lastSeq()).toBe(1);
    expect(applied).toEqual(['c-1']);
  });

  it('does not tell of an offer withdrawn later in the same batch', () => {
    const { sync, conversations, told } = setUp();

    sync.applyEvents([offered(1, 'c-1'), declined(2, 'c-1'), offered(3, 'c-2')]);

    expect(told.map((call) => call.ids)).toEqual([['c-2']]);
    expect(conversations.get('c-1')?.state).toBe('queued');
  });

  it('does not tell again of an offer replayed from before the cursor (a reconnect resends it)', () => {
    const { sync, profile, told } = setUp();
    sync.applyEvents([offered(1, 'c-1')]);

    sync.applyEvents([offered(1, 'c-1'), offered(2, 'c-2')]);
    sync.applyEvents([offered(2, 'c-2')]);

    expect(told.map((call) => call.ids)).toEqual([['c-1'], ['c-2']]);
    expect(profile.lastSeq()).toBe(2);
  });

  it('stores the batch even when announcing its offers fails, and then reports the failure', () => {
    const { sync, conversations, profile } = syncOnCache(db, () => ({
      onOffers: () => {
        throw new Error('notification service gone');
      },
      onApplied: () => undefined,
    }));

    expect(() => sync.applyEvents([offered(1, 'c-1')])).toThrow('notification service gone');

    expect(conversations.get('c-1')?.state).toBe('offered');
    expect(profile.lastSeq()).toBe(1);
  });

  it('holds offers streamed during a resync, and tells of them once the snapshot is stored under them', async () => {
    const { sync, conversations, told } = setUp();
    let deliver: (snapshot: { seq: number; conversations: [] }) => void = () => undefined;
    const resync = sync.resync(() => new Promise((resolve) => (deliver = resolve)));

    sync.applyEvents([offered(5, 'c-5')]);
    expect(told).toEqual([]);
    deliver({ seq: 4, conversations: [] });
    await resync;

    expect(told).toEqual([{ ids: ['c-5'], cachedThen: [false] }]);
    expect(conversations.get('c-5')?.state).toBe('offered');
  });
});
