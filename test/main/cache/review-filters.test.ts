import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConversationRepository } from '../../../src/main/cache/conversations';
import { openCache } from '../../../src/main/cache/database';
import { runMigrations } from '../../../src/main/cache/migrate';
import { migrations } from '../../../src/main/cache/migrations';
import { createSearchRepository } from '../../../src/main/cache/search';
import { createHistoryService } from '../../../src/main/services/history';
import type { ConversationView } from '../../../src/shared/conversation';
import type { Sentiment } from '../../../src/shared/envelope';
import { conversationView, turn } from './fixtures/conversations';

/** A conversation whose only turn says `text`, with the given sentiment and lifecycle fields. */
function feeling(id: string, sentiment: Sentiment | undefined, extra: Partial<ConversationView> = {}): ConversationView {
  const base = conversationView({ id, ...extra });
  const { sentiment: _dropped, ...envelope } = base.envelope;
  return {
    ...base,
    envelope: { ...envelope, ...(sentiment ? { sentiment } : {}), transcript: [turn(`${id}-t`, '2026-11-20T10:12:03Z', 'customer', 'parcel lost')] },
  };
}

describe('sentiment and disposition in the cache', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = openCache(':memory:');
  });
  afterEach(() => db.close());

  it('narrows search and the history list to one sentiment label or one disposition', async () => {
    const conversations = createConversationRepository(db);
    conversations.save(feeling('angry', { score: -0.7, label: 'negative' }));
    conversations.save(feeling('calm', { score: 0.05 }));
    conversations.save(feeling('happy', { score: 0.6 }, { state: 'resolved', disposition: 'solved' }));
    conversations.save(feeling('spam', undefined, { state: 'resolved', disposition: 'spam' }));
    const search = createSearchRepository(db);
    const history = createHistoryService({ db, search });
    const found = async (filters: Parameters<typeof history.search>[0]['filters']) =>
      (await history.search({ query: 'parcel', filters })).map((hit) => hit.conversationId).sort();
    const listed = (filters: Parameters<typeof history.search>[0]['filters']) =>
      history.list({ filters }).map((item) => item.id).sort();

    expect(await found({ sentiment: 'negative' })).toEqual(['angry']);
    expect(await found({ sentiment: 'neutral' })).toEqual(['calm']);
    expect(await found({ sentiment: 'positive' })).toEqual(['happy']);
    expect(await found({ disposition: 'solved' })).toEqual(['happy']);
    expect(await found({ disposition: 'spam', sentiment: 'negative' })).toEqual([]);
    expect(listed({ sentiment: 'positive' })).toEqual(['happy']);
    expect(listed({ disposition: 'spam' })).toEqual(['spam']);
    expect(listed({})).toEqual(['angry', 'calm', 'happy', 'spam']);
    expect(history.list({ filters: { disposition: 'solved' } })[0]?.disposition).toBe('solved');
  });

  it('gives back the lifecycle fields the hub sent: disposition, transfer note, flags, rating', () => {
    const conversations = createConversationRepository(db);
    const transfer = {
      from: { id: 'u1', name: 'Priya' },
      to: { kind: 'agent' as const, id: 'u2', name: 'Tomás' },
      note: 'Wants the refund as store credit',
      at: '2026-11-20T10:20:00Z',
    };
    conversations.save(feeling('c1', { score: -0.1 }, { state: 'resolved', disposition: 'follow_up', transfer, rating: 4, language: 'es' }));
    expect(conversations.get('c1')).toMatchObject({ disposition: 'follow_up', transfer, rating: 4, language: 'es' });
    conversations.save(feeling('c1', { score: -0.1 }, { state: 'assigned' }));
    expect(conversations.get('c1')).not.toHaveProperty('disposition');
  });

  it('labels conversations cached before migration 3 from their stored envelope', () => {
    const old = new Database(':memory:');
    try {
      runMigrations(old, migrations.slice(0, 2));
      const insert = old.prepare(`
        INSERT INTO conversations (id, state, queue, customer_name, issue_title, reason_kind, sentiment_score, priority,
          channel, created_at, updated_at, updated_ms, owner, envelope)
        VALUES (?, 'resolved', 'returns', 'Maria', 'Boots', 'unknown', ?, 0, 'web', '2026-01-01T00:00:00Z',
          '2026-01-01T00:00:00Z', 0, '{}', ?)`);
      insert.run('labelled', 0.9, JSON.stringify({ sentiment: { score: 0.9, label: 'negative' } }));
      insert.run('scored-low', -0.3, JSON.stringify({ sentiment: { score: -0.3 } }));
      insert.run('scored-mid', 0.1, JSON.stringify({ sentiment: { score: 0.1 } }));
      insert.run('strange-label', 0.5, JSON.stringify({ sentiment: { score: 0.5, label: 'ecstatic' } }));
      insert.run('none', null, '{}');
      runMigrations(old, migrations);
      const labels = old.prepare('SELECT id, sentiment_label AS label FROM conversations ORDER BY id').all();
      expect(labels).toEqual([
        { id: 'labelled', label: 'negative' },
        { id: 'none', label: null },
        { id: 'scored-low', label: 'negative' },
        { id: 'scored-mid', label: 'neutral' },
        { id: 'strange-label', label: 'positive' },
      ]);
    } finally {
      old.close();
    }
  });
});
