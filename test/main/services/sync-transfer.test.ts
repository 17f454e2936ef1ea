import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCache } from '../../../src/main/cache/database';
import type { ConversationView, Owner, TransferNote } from '../../../src/shared/conversation';
import type { HubEvent } from '../../../src/shared/protocol';
import { conversationView } from '../cache/fixtures/conversations';
import { syncOnCache } from './sync-on-cache';

const priya: Owner = { kind: 'agent', id: 'u-agent', name: 'Priya Raman', since: '2026-11-20T10:13:00Z', why: 'accepted' };

const note: TransferNote = {
  from: { id: 'u-agent', name: 'Priya Raman' },
  to: { kind: 'agent', id: 'u-agent2', name: 'Tomás Silva' },
  note: 'Verified; wants an exception for order 555, two days late. Please approve the refund.',
  at: '2026-11-20T10:20:00Z',
};

const transferredTo = (view: ConversationView): ConversationView => ({
  ...view,
  state: 'transferred',
  offer: { agentId: 'u-agent2', offeredAt: note.at, expiresAt: '2026-11-20T10:20:30Z' },
  updatedAt: note.at,
});

describe('sync of warm transfers', () => {
  let db: Database.Database;
  let applied: string[];
  let offers: string[];
  const setUp = () => {
    const { sync, conversations } = syncOnCache(db, () => ({
      onApplied: (changed) => applied.push(...changed),
      onOffers: (newOffers) => offers.push(...newOffers.map((view) => view.id)),
    }));
    return { sync, conversations };
  };
  beforeEach(() => {
    db = openCache(':memory:');
    applied = [];
    offers = [];
  });
  afterEach(() => db.close());

  it('stores a conversation transferred to this agent with the note that came with it', () => {
    const { sync, conversations } = setUp();
    const before = conversationView({ id: 'c-1', state: 'assigned', owner: priya });
    // The event's view lacks the note; the note travels beside it.
    const event: HubEvent = { seq: 7, at: note.at, conversationId: 'c-1', type: 'conversation:transferred', conversation: transferredTo(before), transfer: note };

    sync.applyEvents([event]);

    const stored = conversations.get('c-1');
    expect(stored?.state).toBe('transferred');
    expect(stored?.offer?.agentId).toBe('u-agent2');
    expect(stored?.transfer).toEqual(note);
    expect(stored?.envelope.transcript.map((turn) => turn.text)).toContain('I want to return my boots');
    expect(applied).toEqual(['c-1']);
    // The transfer is announced as a transfer (by the workstation), not a second time as an offer.
    expect(offers).toEqual([]);
  });

  it('replaces an earlier transfer note with the latest one', () => {
    const { sync, conversations } = setUp();
    const first = { ...note, note: 'first hop', at: '2026-11-20T10:15:00Z' };
    const base = conversationView({ id: 'c-2', state: 'assigned', owner: priya });
    sync.applyEvents([
      { seq: 1, at: first.at, conversationId: 'c-2', type: 'conversation:transferred', conversation: { ...transferredTo(base), transfer: first }, transfer: first },
      { seq: 2, at: note.at, conversationId: 'c-2', type: 'conversation:transferred', conversation: { ...transferredTo(base), transfer: first }, transfer: note },
    ]);

    expect(conversations.get('c-2')?.transfer?.note).toBe(note.note);
  });
});
