import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConversationRepository } from '../../../src/main/cache/conversations';
import { openCache } from '../../../src/main/cache/database';
import { createOutboxRepository } from '../../../src/main/cache/outbox';
import { conversationView, message } from './fixtures/conversations';

const written = (conversationId: string, n: number) =>
  message(conversationId, `local-${n}`, `2026-11-20T10:2${n}:00Z`, { author: 'agent', text: `reply ${n}`, clientMessageId: `k-${conversationId}-${n}` });

describe('outbox repository', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'warmline-outbox-'));
    file = join(dir, 'cache.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const open = () => {
    const db = openCache(file);
    return { db, outbox: createOutboxRepository(db), conversations: createConversationRepository(db) };
  };

  it('hands back what the agent wrote while offline in order, after a restart', () => {
    const first = open();
    first.conversations.save(conversationView({ id: 'c1' }));
    first.conversations.save(conversationView({ id: 'c2' }));
    first.outbox.enqueue(written('c1', 1));
    first.outbox.enqueue(written('c2', 2));
    first.outbox.enqueue(written('c1', 3));
    first.db.close();

    const second = open();
    expect(second.outbox.pending().map((m) => m.text)).toEqual(['reply 1', 'reply 2', 'reply 3']);
    expect(second.outbox.pending('c1').map((m) => m.text)).toEqual(['reply 1', 'reply 3']);
    expect(second.outbox.pending()[0]).toMatchObject({ status: 'pending', error: null, clientMessageId: 'k-c1-1' });
    second.db.close();
  });

  it('queues a message once when it is enqueued twice with the same clientMessageId', () => {
    const { db, outbox, conversations } = open();
    conversations.save(conversationView({ id: 'c1' }));
    outbox.enqueue(written('c1', 1));
    outbox.enqueue(written('c1', 1));
    expect(outbox.pending()).toHaveLength(1);
    db.close();
  });

  it('gives a message without an idempotency key one, and keeps it', () => {
    const { db, outbox, conversations } = open();
    conversations.save(conversationView({ id: 'c1' }));
    const { clientMessageId: _none, ...withoutKey } = written('c1', 1);
    const pending = outbox.enqueue(withoutKey);
    expect(pending.clientMessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(outbox.pending()[0]?.clientMessageId).toBe(pending.clientMessageId);
    db.close();
  });

  it('moves a delivered message into its conversation and out of the outbox, once', () => {
    const { db, outbox, conversations } = open();
    conversations.save(conversationView({ id: 'c1' }));
    outbox.enqueue(written('c1', 1));
    const delivered = { ...written('c1', 1), id: 'hub-77' };
    outbox.markDelivered('k-c1-1', delivered);
    outbox.markDelivered('k-c1-1', delivered);
    // The hub's echo of the same message on the stream is not a second copy.
    conversations.addMessage(delivered);
    expect(outbox.pending()).toEqual([]);
    expect(conversations.get('c1')?.messages).toEqual([delivered]);
    expect(conversations.list()[0]?.unread).toBe(0);
    db.close();
  });

  it('keeps a failed message for a retry, in its place, with the reason', () => {
    const { db, outbox, conversations } = open();
    conversations.save(conversationView({ id: 'c1' }));
    outbox.enqueue(written('c1', 1));
    outbox.enqueue(written('c1', 2));
    outbox.markFailed('k-c1-1', 'hub answered 503');
    expect(outbox.pending().map((m) => [m.text, m.status, m.error])).toEqual([
      ['reply 1', 'failed', 'hub answered 503'],
      ['reply 2', 'pending', null],
    ]);
    db.close();
  });
});

describe('asking the outbox about one message', () => {
  it('says whether a clientMessageId still waits, until it is delivered', () => {
    const db = openCache(':memory:');
    createConversationRepository(db).save(conversationView({ id: 'c1' }));
    const outbox = createOutboxRepository(db);
    outbox.enqueue(message('c1', 'local-1', '2026-11-20T10:00:00Z', { author: 'agent', clientMessageId: 'k1' }));
    expect(outbox.isPending('k1')).toBe(true);
    expect(outbox.isPending('k2')).toBe(false);
    outbox.markDelivered('k1', message('c1', 'm1', '2026-11-20T10:00:01Z', { author: 'agent', clientMessageId: 'k1' }));
    expect(outbox.isPending('k1')).toBe(false);
    db.close();
  });
});
