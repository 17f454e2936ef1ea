import { describe, expect, it } from 'vitest';
import { createConversationStore } from '../../../../src/renderer/features/conversation/conversation-store';
import { selectDraft, selectOpenConversation } from '../../../../src/renderer/features/conversation/conversation-selectors';
import type { PendingMessage } from '../../../../src/shared/ipc';
import { conversation, createFakeApi, fail, flush, listItem, ok } from '../../fake-api';

function setUp() {
  const fake = createFakeApi();
  fake.answer('conversations:get', ({ id }) => ok(conversation({ id })));
  fake.answer('conversations:mark-read', () => ok(null));
  return { fake, store: createConversationStore(fake.api) };
}

const pendingReply = (id: string, text: string): PendingMessage => ({
  id: 'p1',
  conversationId: id,
  at: '2026-11-20T10:06:00.000Z',
  author: 'agent',
  text,
  clientMessageId: 'cm-1',
  status: 'pending',
  error: null,
});

describe('conversation store', () => {
  it('keeps each conversation’s draft while the agent switches between them', async () => {
    const { store } = setUp();
    await store.getState().open('a');
    store.getState().editDraft('a', 'Hello Maria');
    await store.getState().open('b');
    store.getState().editDraft('b', 'Hello Kenji');
    await store.getState().open('a');
    expect(selectDraft('a')(store.getState())).toBe('Hello Maria');
    expect(selectDraft('b')(store.getState())).toBe('Hello Kenji');
  });

  it('marks a conversation read when the agent opens it', async () => {
    const { fake, store } = setUp();
    await store.getState().open('a');
    expect(fake.callsTo('conversations:mark-read')).toEqual([{ id: 'a' }]);
  });

  it('sends the trimmed draft, clears it and shows the reply as sending', async () => {
    const { fake, store } = setUp();
    fake.answer('conversations:reply', ({ id, text }) => ok(pendingReply(id, text)));
    await store.getState().open('a');
    store.getState().editDraft('a', '  On it.  ');
    expect(await store.getState().reply('a')).toBe(true);
    expect(fake.callsTo('conversations:reply')).toEqual([{ id: 'a', text: 'On it.' }]);
    expect(selectDraft('a')(store.getState())).toBe('');
    expect(selectOpenConversation(store.getState())?.pending.map((p) => [p.text, p.status])).toEqual([['On it.', 'pending']]);
  });

  it('keeps the draft and shows the core’s words when a reply fails', async () => {
    const { fake, store } = setUp();
    fake.answer('conversations:reply', () => fail('not-owner', 'This conversation is no longer yours.'));
    await store.getState().open('a');
    store.getState().editDraft('a', 'Still there?');
    expect(await store.getState().reply('a')).toBe(false);
    expect(selectDraft('a')(store.getState())).toBe('Still there?');
    expect(store.getState().error).toBe('This conversation is no longer yours.');
  });

  it('does not send an empty or blank draft', async () => {
    const { fake, store } = setUp();
    fake.answer('conversations:reply', ({ id, text }) => ok(pendingReply(id, text)));
    store.getState().editDraft('a', '   \n ');
    expect(await store.getState().reply('a')).toBe(false);
    expect(fake.callsTo('conversations:reply')).toEqual([]);
  });

  it('does not show a reply twice when a refresh already brought the confirmed message', async () => {
    const { fake, store } = setUp();
    const confirmed = { ...pendingReply('a', 'On it.'), id: 'm9' } as const;
    const { status: _status, error: _error, ...message } = confirmed;
    fake.answer('conversations:get', ({ id }) => ok(conversation({ id, messages: [message] })));
    fake.answer('conversations:reply', ({ id, text }) => ok(pendingReply(id, text)));
    await store.getState().open('a');
    store.getState().editDraft('a', 'On it.');
    await store.getState().reply('a');
    const open = selectOpenConversation(store.getState());
    expect(open?.messages).toHaveLength(1);
    expect(open?.pending).toHaveLength(0);
  });

  it('refreshes the open conversation when the core says it changed, and leaves others alone', async () => {
    const { fake, store } = setUp();
    await store.getState().open('a');
    const before = fake.callsTo('conversations:get').length;
    fake.emit({ type: 'conversation:changed', item: listItem({ id: 'b' }) });
    fake.emit({ type: 'conversation:changed', item: listItem({ id: 'a' }) });
    await flush();
    expect(fake.callsTo('conversations:get').slice(before)).toEqual([{ id: 'a' }]);
  });

  it('coalesces a burst of changes into at most one extra fetch', async () => {
    const { fake, store } = setUp();
    let release: () => void = () => undefined;
    fake.answer('conversations:get', ({ id }) => new Promise((resolve) => (release = () => resolve(ok(conversation({ id }))))));
    const opening = store.getState().open('a');
    for (let i = 0; i < 5; i += 1) fake.emit({ type: 'conversation:changed', item: listItem({ id: 'a' }) });
    release();
    await flush();
    release();
    await opening;
    expect(fake.callsTo('conversations:get')).toHaveLength(2);
  });

  it('shows the accepted conversation the core returns', async () => {
    const { fake, store } = setUp();
    fake.answer('conversations:get', ({ id }) => ok(conversation({ id, state: 'offered' })));
    fake.answer('conversations:accept', ({ id }) => ok(conversation({ id, state: 'assigned' })));
    await store.getState().open('a');
    expect(await store.getState().accept('a')).toBe(true);
    expect(selectOpenConversation(store.getState())?.state).toBe('assigned');
  });

  it('sends a decline reason only when the agent gave one', async () => {
    const { fake, store } = setUp();
    fake.answer('conversations:decline', () => ok(null));
    await store.getState().decline('a', '  ');
    await store.getState().decline('b', ' At capacity ');
    expect(fake.callsTo('conversations:decline')).toEqual([{ id: 'a' }, { id: 'b', reason: 'At capacity' }]);
  });
});

describe('messages arriving in the open conversation', () => {
  it('are marked read, so the inbox shows no unread badge for what the agent is looking at', async () => {
    const fake = createFakeApi();
    fake.answer('conversations:get', ({ id }) => ok(conversation({ id })));
    const marked: string[] = [];
    fake.answer('conversations:mark-read', ({ id }) => {
      marked.push(id);
      return ok(null);
    });
    const store = createConversationStore(fake.api);
    await store.getState().open('c1');
    await flush();
    marked.length = 0;
    fake.emit({ type: 'conversation:changed', item: listItem({ id: 'c1', unread: 1 }) });
    fake.emit({ type: 'conversation:changed', item: listItem({ id: 'c2', unread: 3 }) });
    await flush();
    expect(marked).toEqual(['c1']);
  });
});
