import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConversationRepository } from '../../../src/main/cache/conversations';
import { openCache } from '../../../src/main/cache/database';
import { createSearchRepository } from '../../../src/main/cache/search';
import type { ConversationView } from '../../../src/shared/conversation';
import { conversationView, message, turn } from './fixtures/conversations';

const BLNS = resolve(__dirname, '../../../../shared/data/badinput/blns/blns.txt');

const withTranscript = (id: string, texts: string[], extra: Partial<ConversationView> = {}) => {
  const base = conversationView({ id, ...extra });
  const transcript = texts.map((text, i) => turn(`${id}-t${i}`, `2026-11-20T10:12:0${i}Z`, 'customer', text));
  return { ...base, envelope: { ...base.envelope, ...extra.envelope, transcript } };
};

describe('search repository', () => {
  let db: Database.Database;
  let conversations: ReturnType<typeof createConversationRepository>;
  let search: ReturnType<typeof createSearchRepository>['search'];
  beforeEach(() => {
    db = openCache(':memory:');
    conversations = createConversationRepository(db);
    search = createSearchRepository(db).search;
  });
  afterEach(() => db.close());

  const ids = (query: string, options?: Parameters<typeof search>[1]) => search(query, options).map((hit) => hit.turnId);

  it('finds words in the bot transcript and in later messages, newest first', () => {
    conversations.save(withTranscript('c1', ['My parcel never arrived']));
    conversations.addMessage(message('c1', 'm1', '2026-11-20T10:30:00Z', { text: 'The parcel is at the depot' }));
    conversations.addMessage(message('c1', 'm2', '2026-11-20T10:31:00Z', { text: 'Thank you' }));
    const hits = search('parcel');
    expect(hits.map((hit) => hit.turnId)).toEqual(['m1', 'c1-t0']);
    expect(hits[0]).toMatchObject({
      conversationId: 'c1',
      author: 'customer',
      at: '2026-11-20T10:30:00Z',
      customerName: 'Maria Okafor',
      issueTitle: 'Refund for boots outside the 30-day window',
    });
  });

  it('orders by time even when a conversation synced late holds older words', () => {
    conversations.save(withTranscript('new', ['refund please']));
    const old = withTranscript('old', ['refund for last year']);
    old.envelope.transcript[0] = turn('old-t0', '2025-01-01T00:00:00Z', 'customer', 'refund for last year');
    conversations.save(old);
    expect(ids('refund')).toEqual(['new-t0', 'old-t0']);
  });

  it('matches the word being typed as a prefix, and a finished word exactly', () => {
    conversations.save(withTranscript('c1', ['I need a refund', 'refunded twice already']));
    expect(ids('refun').sort()).toEqual(['c1-t0', 'c1-t1']);
    expect(ids('refund ')).toEqual(['c1-t0']);
  });

  it('matches quoted text as a phrase', () => {
    conversations.save(withTranscript('c1', ['the order number is 555', 'number order mixup']));
    expect(ids('"order number"')).toEqual(['c1-t0']);
    expect(ids('order number ').sort()).toEqual(['c1-t0', 'c1-t1']);
  });

  it('takes FTS operators, columns, stars and brackets as the words they are', () => {
    conversations.save(withTranscript('c1', ['I could NOT get a refund', 'text: hello (world)', 'refund']));
    expect(ids('NOT refund ')).toEqual(['c1-t0']);
    expect(ids('text: hello')).toEqual(['c1-t1']);
    expect(ids('(world')).toEqual(['c1-t1']);
    expect(ids('refund AND')).toEqual([]);
    expect(ids('refu*').sort()).toEqual(['c1-t0', 'c1-t2']);
  });

  it('finds nothing for input that holds no words', () => {
    conversations.save(withTranscript('c1', ['anything']));
    for (const query of ['', '   ', '"', '""', '***', '( ) "', '\u0000', '💥']) expect(ids(query)).toEqual([]);
  });

  it('never fails on arbitrary input', () => {
    conversations.save(withTranscript('c1', ['some text to search']));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (query) => {
        expect(Array.isArray(search(query))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('returns the snippet as parts, the matches marked, customer markup left as text', () => {
    conversations.save(withTranscript('c1', ['<b>Refund</b> \uE000 me <script>alert(1)</script> now']));
    const [hit] = search('refund');
    expect(hit?.snippet).toEqual([
      { text: '<b>', match: false },
      { text: 'Refund', match: true },
      { text: '</b> \uE000 me <script>alert(1)</script> now', match: false },
    ]);
  });

  it('filters by queue, handoff reason, customer, date, state and sentiment', () => {
    const card = (id: string, queue: string, kind: 'bot_failure' | 'customer_requested', name: string, score: number, state: ConversationView['state']) => {
      const base = withTranscript(id, ['where is my money'], { queue, state });
      return {
        ...base,
        envelope: { ...base.envelope, customer: { id: `cust-${id}`, name }, reason: { kind }, sentiment: { score } },
      };
    };
    conversations.save(card('a', 'billing', 'bot_failure', 'Maria Okafor', -0.8, 'resolved'));
    conversations.save(card('b', 'returns', 'customer_requested', 'Kenji Watanabe', 0.2, 'assigned'));
    conversations.addMessage(message('b', 'late', '2026-11-21T08:00:00Z', { text: 'money back?' }));

    const conversationsOf = (filters: NonNullable<Parameters<typeof search>[1]>['filters']) =>
      [...new Set(search('money', { filters }).map((hit) => hit.conversationId))].sort();
    expect(conversationsOf({ queue: 'billing' })).toEqual(['a']);
    expect(conversationsOf({ reason: 'customer_requested' })).toEqual(['b']);
    expect(conversationsOf({ customer: 'okaf' })).toEqual(['a']);
    expect(conversationsOf({ customer: 'cust-b' })).toEqual(['b']);
    expect(conversationsOf({ customer: '%' })).toEqual([]);
    expect(conversationsOf({ states: ['resolved'] })).toEqual(['a']);
    expect(conversationsOf({ maxSentiment: -0.5 })).toEqual(['a']);
    expect(ids('money', { filters: { from: '2026-11-21T00:00:00Z' } })).toEqual(['late']);
    expect(ids('money', { filters: { to: '2026-11-21T00:00:00Z' } }).sort()).toEqual(['a-t0', 'b-t0']);
    expect(() => search('money', { filters: { from: 'yesterday' } })).toThrow(/not a date/);
  });

  it('ranks by relevance on request', () => {
    conversations.save(withTranscript('c1', ['delivery', 'delivery delivery delivery late', 'late']));
    expect(ids('delivery ', { ranked: true })[0]).toBe('c1-t1');
    expect(ids('delivery ')).toEqual(['c1-t1', 'c1-t0']);
  });

  it('returns at most the limit asked for', () => {
    conversations.save(withTranscript('c1', Array.from({ length: 9 }, () => 'same words')));
    expect(ids('same', { limit: 3 })).toHaveLength(3);
  });

  describe.skipIf(!existsSync(BLNS))('with the Big List of Naughty Strings (../shared/data/badinput)', () => {
    it('treats every naughty line as text: no error, and a line with words finds the turn that says it', () => {
      const lines = readFileSync(BLNS, 'utf8').split('\n').filter((line) => line !== '' && !line.startsWith('#'));
      expect(lines.length).toBeGreaterThan(400);
      lines.forEach((line, i) => {
        const base = conversationView({ id: `blns-${i}` });
        conversations.save({
          ...base,
          envelope: {
            ...base.envelope,
            customer: { id: `blns-${i}`, name: 'Naughty' },
            transcript: [turn(`t${i}`, '2026-11-20T10:12:03Z', 'customer', line)],
          },
        });
      });
      const missed: string[] = [];
      lines.forEach((line, i) => {
        const hits = search(line, { filters: { customer: `blns-${i}` } });
        if (/[\p{L}\p{N}]/u.test(line) && !hits.some((hit) => hit.turnId === `t${i}`)) missed.push(line);
      });
      expect(missed).toEqual([]);
    });
  });
});
