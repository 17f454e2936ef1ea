import { describe, expect, it } from 'vitest';
import { createStores } from '../../../src/renderer/app/wiring';
import { conversation, createFakeApi, flush, listItem, ok, openTransport as transport, sessionState as session } from '../fake-api';


describe('store wiring', () => {
  it('loads the inbox once a user is signed in, opens a row’s conversation, and forgets both on sign-out', async () => {
    const fake = createFakeApi();
    fake.answer('session:get', () => ok(session(false)));
    fake.answer('conversations:list', () => ok([listItem({ id: 'c1' })]));
    fake.answer('conversations:get', ({ id }) => ok(conversation({ id })));
    fake.answer('conversations:mark-read', () => ok(null));
    const stores = createStores(fake.api, transport);
    await flush();
    expect(fake.callsTo('conversations:list')).toHaveLength(0);

    fake.emit({ type: 'session:changed', session: session(true) });
    await flush();
    expect(stores.inbox.getState().ids).toEqual(['c1']);

    stores.inbox.getState().open('c1');
    await flush();
    expect(stores.conversation.getState().openId).toBe('c1');

    fake.emit({ type: 'session:changed', session: session(false) });
    expect(stores.inbox.getState().ids).toEqual([]);
    expect(stores.conversation.getState().openId).toBeNull();
  });
});
