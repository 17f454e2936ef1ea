import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConversationRepository } from '../../../src/main/cache/conversations';
import { createCachedCustomerHistory } from '../../../src/main/cache/customer-history';
import { openCache } from '../../../src/main/cache/database';
import type { ConversationView } from '../../../src/shared/conversation';
import type { HandoffEnvelope } from '../../../src/shared/envelope';
import { conversationView } from './fixtures/conversations';

describe('a returning customer, from the cache', () => {
  let db: Database.Database;
  let conversations: ReturnType<typeof createConversationRepository>;
  beforeEach(() => {
    db = openCache(':memory:');
    conversations = createConversationRepository(db);
  });
  afterEach(() => db.close());

  const save = (id: string, customer: Partial<HandoffEnvelope['customer']>, extra: Partial<ConversationView> = {}, source = { platform: 'generic', bot: 'returns-bot' }): string => {
    const base = conversationView({ id, ...extra });
    conversations.save({ ...base, envelope: { ...base.envelope, source, customer: { name: 'Maria Okafor', ...customer } } });
    return id;
  };

  it('matches the hub rule: customer id from the same bot, email in any case, phone in any format, newest first', () => {
    save('by-id', { id: 'cust-1' }, { createdAt: '2026-11-18T09:00:00Z', state: 'resolved', disposition: 'not_solved' });
    save('by-email', { email: 'Maria@Example.com' }, { createdAt: '2026-11-19T09:00:00Z' }, { platform: 'chatwoot', bot: 'inbox' });
    save('by-phone', { phone: '+44 (20) 7946-0958' }, { createdAt: '2026-11-20T09:00:00Z' });
    save('other-bot-same-id', { id: 'cust-1' }, {}, { platform: 'rasa', bot: 'other' });
    save('stranger', { id: 'cust-2', email: 'else@example.com', phone: '+1 555 010 0999' });
    save('now', { id: 'cust-1', email: 'maria@example.com', phone: '442079460958' }, { createdAt: '2026-11-21T09:00:00Z' });

    const earlier = createCachedCustomerHistory(db).of('now');
    expect(earlier?.map((conversation) => [conversation.id, conversation.matchedBy])).toEqual([
      ['by-phone', 'phone'],
      ['by-email', 'email'],
      ['by-id', 'customer-id'],
    ]);
    expect(earlier?.[2]).toMatchObject({ state: 'resolved', disposition: 'not_solved', issueTitle: 'Refund for boots outside the 30-day window' });
  });

  it('finds nothing for a customer with no id, email or phone, and answers null for a conversation it does not hold', () => {
    save('anon-1', { id: undefined });
    save('anon-2', { id: undefined });
    expect(createCachedCustomerHistory(db).of('anon-2')).toEqual([]);
    expect(createCachedCustomerHistory(db).of('missing')).toBeNull();
  });
});
