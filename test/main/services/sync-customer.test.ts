import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCache } from '../../../src/main/cache/database';
import type { HubEvent } from '../../../src/shared/protocol';
import { conversationView } from '../cache/fixtures/conversations';
import { syncOnCache } from './sync-on-cache';

describe('sync of a customer the platform names after the handoff', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = openCache(':memory:');
  });
  afterEach(() => db.close());

  it('stores the named customer on the card and the inbox row, so they show offline too', () => {
    const applied: string[] = [];
    const { sync, conversations } = syncOnCache(db, () => ({ onApplied: (changed) => applied.push(...changed) }));
    const view = conversationView({ id: 'c-1' });
    conversations.save({ ...view, envelope: { ...view.envelope, customer: { name: 'Customer 7c1e9a' } } });
    const customer = { id: 'bpu-4f1a', name: 'Amara Okafor', email: 'amara@example.com' };
    const event: HubEvent = { seq: 3, at: '2026-11-20T10:14:00Z', conversationId: 'c-1', type: 'conversation:customer-updated', customer };

    sync.applyEvents([event]);

    expect(conversations.get('c-1')?.envelope.customer).toEqual(customer);
    expect(conversations.item('c-1')?.customerName).toBe('Amara Okafor');
    expect(conversations.get('c-1')?.envelope.transcript.length).toBe(view.envelope.transcript.length);
    expect(applied).toEqual(['c-1']);
  });

  it('skips a conversation the cache does not hold: it arrives whole, named, later', () => {
    const { sync, conversations } = syncOnCache(db, () => ({ onApplied: () => undefined }));
    const event: HubEvent = { seq: 4, at: '2026-11-20T10:14:00Z', conversationId: 'c-9', type: 'conversation:customer-updated', customer: { name: 'Amara Okafor' } };

    sync.applyEvents([event]);

    expect(conversations.has('c-9')).toBe(false);
  });
});
