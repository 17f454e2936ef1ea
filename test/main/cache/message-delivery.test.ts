import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clearAll } from '../../../src/main/cache';
import { createConversationRepository } from '../../../src/main/cache/conversations';
import { openCache } from '../../../src/main/cache/database';
import { conversationView, message } from './fixtures/conversations';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the cache's delivery state of outgoing messages", () => {
  it('keeps the latest state the hub told, across a reopen of the cache, and drops it with the conversation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'warmline-delivery-'));
    dirs.push(dir);
    const file = join(dir, 'cache.sqlite');
    const db = openCache(file);
    const conversations = createConversationRepository(db);
    const reply = message('c1', 'm1', '2026-11-20T10:13:00Z', { author: 'agent', authorName: 'Alex', text: 'On its way' });
    conversations.save(conversationView({ id: 'c1', messages: [reply] }));
    conversations.setDelivery('c1', 'm1', { state: 'retrying', at: '2026-11-20T10:13:01Z', channel: 'chatwoot', error: 'HTTP 503' });
    conversations.setDelivery('c1', 'm1', { state: 'failed', at: '2026-11-20T10:15:00Z', channel: 'chatwoot', error: 'HTTP 404: Resource could not be found' });
    // A conversation the cache never saw is skipped, not half-stored.
    conversations.setDelivery('c-unknown', 'm9', { state: 'delivered', at: '2026-11-20T10:15:00Z', channel: 'generic' });
    db.close();

    const reopened = openCache(file);
    const again = createConversationRepository(reopened);
    expect(again.get('c1')?.messages[0]?.delivery).toEqual({ state: 'failed', at: '2026-11-20T10:15:00Z', channel: 'chatwoot', error: 'HTTP 404: Resource could not be found' });
    expect(reopened.prepare('SELECT count(*) FROM message_delivery').pluck().get()).toBe(1);
    clearAll(reopened);
    expect(reopened.prepare('SELECT count(*) FROM message_delivery').pluck().get()).toBe(0);
    reopened.close();
  });

  it("stores the delivery a hub view carries (a resync), so a fresh workstation shows it too", () => {
    const db = openCache(':memory:');
    const conversations = createConversationRepository(db);
    const delivered = { state: 'delivered' as const, at: '2026-11-20T10:13:02Z', channel: 'generic' };
    conversations.save(conversationView({ id: 'c2', messages: [message('c2', 'm1', '2026-11-20T10:13:00Z', { author: 'agent', text: 'Hello', delivery: delivered })] }));
    expect(conversations.get('c2')?.messages[0]?.delivery).toEqual(delivered);
    db.close();
  });
});
