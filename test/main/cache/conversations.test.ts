import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConversationRepository } from '../../../src/main/cache/conversations';
import { openCache } from '../../../src/main/cache/database';
import { warmlyTransferred, conversationView, message, turn } from './fixtures/conversations';

describe('conversation repository', () => {
  let db: Database.Database;
  let conversations: ReturnType<typeof createConversationRepository>;
  beforeEach(() => {
    db = openCache(':memory:');
    conversations = createConversationRepository(db);
  });
  afterEach(() => db.close());

  it('gives back a saved conversation as the hub served it, turns in order with their authors', () => {
    const view = conversationView({
      id: 'c1',
      messages: [
        message('c1', 'm1', '2026-11-20T10:13:00Z', { author: 'agent', authorName: 'Sam', text: 'Hello Maria', clientMessageId: 'k1' }),
        message('c1', 'm2', '2026-11-20T10:13:30Z', { text: 'Hi Sam' }),
      ],
    });
    conversations.save(view);
    expect(conversations.get('c1')).toEqual(view);
  });

  it('keeps the bot transcript order when every turn carries the same time', () => {
    const at = '2026-11-20T10:12:03Z';
    const transcript = Array.from({ length: 1500 }, (_, i) => turn(`t${i}`, at, i % 2 ? 'bot' : 'customer', `turn ${i}`));
    const base = conversationView({ id: 'c1' });
    conversations.save({ ...base, envelope: { ...base.envelope, transcript } });
    expect(conversations.get('c1')?.envelope.transcript.map((t) => t.id)).toEqual(transcript.map((t) => t.id));
  });

  it('orders messages by their time, whatever order they arrived in', () => {
    conversations.save(conversationView({ id: 'c1' }));
    conversations.addMessage(message('c1', 'late', '2026-11-20T10:15:00Z'));
    conversations.addMessage(message('c1', 'early', '2026-11-20T10:14:00+00:00'));
    // 11:13:30+01:00 is 10:13:30 UTC: offsets are compared as instants, not as strings.
    conversations.addMessage(message('c1', 'earliest', '2026-11-20T11:13:30+01:00'));
    expect(conversations.get('c1')?.messages.map((m) => m.id)).toEqual(['earliest', 'early', 'late']);
  });

  it('returns null for a conversation it never saw', () => {
    expect(conversations.get('nope')).toBeNull();
    expect(conversations.has('nope')).toBe(false);
  });

  it('stores a message once however many times it arrives, by id or by clientMessageId', () => {
    conversations.save(conversationView({ id: 'c1' }));
    const first = message('c1', 'm1', '2026-11-20T10:13:00Z', { clientMessageId: 'k1', author: 'agent' });
    expect(conversations.addMessage(first)).toBe(true);
    expect(conversations.addMessage(first)).toBe(false);
    expect(conversations.addMessage({ ...first, id: 'm1-resent' })).toBe(false);
    expect(conversations.get('c1')?.messages.map((m) => m.id)).toEqual(['m1']);
  });

  it('does not store a message for a conversation it does not have', () => {
    expect(conversations.addMessage(message('ghost', 'm1', '2026-11-20T10:13:00Z'))).toBe(false);
    expect(db.prepare('SELECT count(*) FROM turns').pluck().get()).toBe(0);
  });

  it('counts unread customer messages, not the agent’s own, and clears them when read', () => {
    conversations.save(conversationView({ id: 'c1' }));
    conversations.addMessage(message('c1', 'm1', '2026-11-20T10:13:00Z'));
    conversations.addMessage(message('c1', 'm2', '2026-11-20T10:13:10Z', { author: 'agent' }));
    conversations.addMessage(message('c1', 'm3', '2026-11-20T10:13:20Z'));
    conversations.addMessage(message('c1', 'm3', '2026-11-20T10:13:20Z'));
    expect(conversations.list()[0]?.unread).toBe(2);
    conversations.markRead('c1');
    expect(conversations.list()[0]?.unread).toBe(0);
  });

  it('keeps the unread count when the hub serves the conversation again, adding only new customer messages', () => {
    const m1 = message('c1', 'm1', '2026-11-20T10:13:00Z');
    conversations.save(conversationView({ id: 'c1' }));
    conversations.addMessage(m1);
    const m2 = message('c1', 'm2', '2026-11-20T10:14:00Z');
    conversations.save(conversationView({ id: 'c1', state: 'assigned', messages: [m1, m2] }));
    const [item] = conversations.list();
    expect(item?.unread).toBe(2);
    expect(item?.state).toBe('assigned');
  });

  it('keeps a message that a stale copy of the conversation does not have yet', () => {
    conversations.save(conversationView({ id: 'c1' }));
    conversations.addMessage(message('c1', 'm1', '2026-11-20T10:13:00Z'));
    conversations.save(conversationView({ id: 'c1', messages: [] }));
    expect(conversations.get('c1')?.messages.map((m) => m.id)).toEqual(['m1']);
  });

  it('applies a state change to a known conversation and ignores an unknown one', () => {
    conversations.save(conversationView({ id: 'c1' }));
    const owner = { kind: 'agent' as const, id: 'u1', name: 'Sam', since: '2026-11-20T10:20:00Z', why: 'accepted' };
    const offer = { agentId: 'u1', offeredAt: '2026-11-20T10:19:00Z', expiresAt: null };
    expect(conversations.applyState('c1', { state: 'assigned', owner, offer, at: '2026-11-20T10:20:00Z' })).toBe(true);
    const view = conversations.get('c1');
    expect(view).toMatchObject({ state: 'assigned', owner, offer, updatedAt: '2026-11-20T10:20:00Z' });
    expect(conversations.applyState('ghost', { state: 'assigned', owner, offer: null, at: '2026-11-20T10:20:00Z' })).toBe(false);
    expect(conversations.count()).toBe(1);
  });

  it('lists conversations with the newest activity first, with the card fields and the last message', () => {
    conversations.save(conversationView({ id: 'old', updatedAt: '2026-11-20T09:00:00Z' }));
    conversations.save(conversationView({ id: 'mid', updatedAt: '2026-11-20T10:00:00Z' }));
    conversations.save(conversationView({ id: 'new', updatedAt: '2026-11-20T11:00:00Z' }));
    conversations.addMessage(message('old', 'm1', '2026-11-20T12:00:00Z', { text: 'Are you still there?' }));

    const list = conversations.list();
    expect(list.map((item) => item.id)).toEqual(['old', 'new', 'mid']);
    expect(list[0]).toMatchObject({
      customerName: 'Maria Okafor',
      issueTitle: 'Refund for boots outside the 30-day window',
      reasonKind: 'bot_failure',
      sentimentScore: -0.6,
      priority: 2,
      channel: 'web',
      queue: 'returns',
      updatedAt: '2026-11-20T12:00:00Z',
      lastMessage: 'Are you still there?',
    });
    expect(list[1]?.lastMessage).toBe('Order 555, bought two months ago');
  });

  it('reads one list row by id, the same as the list shows it', () => {
    conversations.save(conversationView({ id: 'a' }));
    conversations.save(conversationView({ id: 'b' }));
    conversations.addMessage(message('b', 'm1', '2026-11-20T12:00:00Z'));
    expect(conversations.item('b')).toEqual(conversations.list().find((item) => item.id === 'b'));
    expect(conversations.item('b')?.unread).toBe(1);
    expect(conversations.item('ghost')).toBeNull();
  });

  it('lists a transferred, owned conversation with its owner’s name and the transfer note', () => {
    const { owner, transfer } = warmlyTransferred();
    conversations.save(conversationView({ id: 'moved', state: 'assigned', owner, transfer }));
    conversations.save(conversationView({ id: 'plain' }));
    expect(conversations.item('moved')).toMatchObject({ ownerName: 'Priya Shah', transferNote: transfer.note });
    expect(conversations.list().find((item) => item.id === 'moved')).toMatchObject({ ownerName: 'Priya Shah', transferNote: transfer.note });
    expect(conversations.item('plain')).toMatchObject({ ownerName: 'Returns', transferNote: null });
  });

  it('counts the open flags on a list row as flags are raised and answered', () => {
    conversations.save(conversationView({ id: 'c1' }));
    const flag = { id: 'f1', conversationId: 'c1', raisedBy: { id: 'u1', name: 'Sam' }, message: 'Wants a manager', at: '2026-11-20T10:20:00Z', answer: null };
    expect(conversations.item('c1')?.openFlags).toBe(0);
    conversations.saveFlag(flag);
    conversations.saveFlag({ ...flag, id: 'f2' });
    expect(conversations.item('c1')?.openFlags).toBe(2);
    conversations.saveFlag({ ...flag, answer: { by: { id: 's1', name: 'Priya' }, action: 'acknowledge', at: '2026-11-20T10:21:00Z' } });
    expect(conversations.list().find((item) => item.id === 'c1')?.openFlags).toBe(1);
    expect(conversations.get('c1')?.flags?.map((known) => [known.id, known.answer?.action ?? null])).toEqual([['f2', null], ['f1', 'acknowledge']]);
  });

  it('lists when a waiting conversation entered its queue, from its owner', () => {
    conversations.save(conversationView({ id: 'c1' }));
    const owner = { kind: 'queue' as const, id: 'billing', name: 'billing', since: '2026-11-20T10:30:00Z', why: 'transferred by Sam' };
    conversations.applyState('c1', { state: 'queued', owner, offer: null, at: '2026-11-20T10:30:00Z' });
    expect(conversations.item('c1')?.ownerSince).toBe('2026-11-20T10:30:00Z');
  });

  it('lists the new owner’s name once a state change moves the conversation', () => {
    conversations.save(conversationView({ id: 'c1' }));
    const owner = { kind: 'agent' as const, id: 'u1', name: 'Sam Lee', since: '2026-11-20T10:20:00Z', why: 'accepted' };
    conversations.applyState('c1', { state: 'assigned', owner, offer: null, at: '2026-11-20T10:20:00Z' });
    expect(conversations.item('c1')?.ownerName).toBe('Sam Lee');
  });

  it('lists only the states asked for, up to the limit', () => {
    conversations.save(conversationView({ id: 'a', state: 'resolved', updatedAt: '2026-11-20T09:00:00Z' }));
    conversations.save(conversationView({ id: 'b', state: 'assigned', updatedAt: '2026-11-20T10:00:00Z' }));
    conversations.save(conversationView({ id: 'c', state: 'queued', updatedAt: '2026-11-20T11:00:00Z' }));
    expect(conversations.list({ states: ['assigned', 'queued'] }).map((item) => item.id)).toEqual(['c', 'b']);
    expect(conversations.list({ limit: 1 }).map((item) => item.id)).toEqual(['c']);
    expect(conversations.count()).toBe(3);
  });

  it('fills the list fields a minimal envelope leaves out', () => {
    conversations.save(
      conversationView({ id: 'c1', envelope: { v: 1, id: 'bare', customer: { name: 'Ana' }, transcript: [] } }),
    );
    expect(conversations.list()[0]).toMatchObject({
      customerName: 'Ana',
      issueTitle: '',
      reasonKind: 'unknown',
      sentimentScore: null,
      lastMessage: null,
    });
  });
});
