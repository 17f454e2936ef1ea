import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConversationRepository } from '../../../src/main/cache/conversations';
import { openCache } from '../../../src/main/cache/database';
import { purgeExpired } from '../../../src/main/cache/retention';
import { createSearchRepository } from '../../../src/main/cache/search';
import type { ConversationView } from '../../../src/shared/conversation';
import { conversationView, turn } from './fixtures/conversations';

const named = (id: string, name: string, text: string, extra: Partial<ConversationView> = {}): ConversationView => {
  const base = conversationView({ id, ...extra });
  return {
    ...base,
    envelope: { ...base.envelope, customer: { ...base.envelope.customer, name }, transcript: [turn(`${id}-t0`, '2026-11-20T10:12:00Z', 'customer', text)] },
  };
};

describe('search by the customer name', () => {
  let db: Database.Database;
  let conversations: ReturnType<typeof createConversationRepository>;
  let search: ReturnType<typeof createSearchRepository>['search'];
  beforeEach(() => {
    db = openCache(':memory:');
    conversations = createConversationRepository(db);
    search = createSearchRepository(db).search;
  });
  afterEach(() => db.close());

  it('finds a conversation by the customer name, word by word, prefix while typing and ignoring accents', () => {
    conversations.save(named('c1', 'Zoë Brontë', 'my router is broken'));
    conversations.save(named('c2', 'Kenji Watanabe', 'the jar arrived broken'));
    for (const query of ['Zoë Brontë', 'zoe bron', 'BRONTE']) {
      const hits = search(query);
      expect(hits.map((hit) => [hit.conversationId, hit.matchedOn])).toEqual([['c1', 'customer-name']]);
    }
    const [hit] = search('kenji');
    expect(hit).toMatchObject({ conversationId: 'c2', turnId: 'c2-t0', customerName: 'Kenji Watanabe', matchedOn: 'customer-name' });
    expect(hit?.snippet).toEqual([{ text: 'Kenji', match: true }, { text: ' Watanabe', match: false }]);
  });

  it('lists name matches before turn matches, and a word only in a turn is not a name match', () => {
    conversations.save(named('c1', 'Amara Nwosu', 'the marmalade was smashed'));
    conversations.save(named('c2', 'Ben Marmalade', 'where is my parcel'));
    const hits = search('marmalade');
    expect(hits.map((hit) => [hit.conversationId, hit.matchedOn ?? 'text'])).toEqual([
      ['c2', 'customer-name'],
      ['c1', 'text'],
    ]);
  });

  it('applies the filters to name matches too', () => {
    conversations.save(named('c1', 'Maria Okafor', 'hello', { queue: 'returns' }));
    conversations.save(named('c2', 'Maria Lopez', 'hello', { queue: 'billing' }));
    expect(search('maria', { filters: { queue: 'billing' } }).filter((hit) => hit.matchedOn).map((hit) => hit.conversationId)).toEqual(['c2']);
  });

  it('follows a renamed customer and forgets a purged conversation', () => {
    conversations.save(named('c1', 'Sam Lee', 'hello'));
    conversations.save(named('c1', 'Samantha Lee-Park', 'hello'));
    expect(search('park').map((hit) => hit.conversationId)).toEqual(['c1']);
    expect(search('sam ').filter((hit) => hit.matchedOn)).toEqual([]);
    purgeExpired(db, new Date('2100-01-01T00:00:00Z'));
    expect(search('samantha')).toEqual([]);
    expect(db.prepare("SELECT count(*) AS n FROM customers_fts WHERE customers_fts MATCH 'samantha'").get()).toEqual({ n: 0 });
  });
});
