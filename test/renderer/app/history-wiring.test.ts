import { describe, expect, it } from 'vitest';
import { createStores } from '../../../src/renderer/app/wiring';
import { createFakeApi, flush, listItem, ok, openTransport as transport, sessionState as session } from '../fake-api';


describe('history wiring', () => {
  it('forgets what History showed when the user signs out or clears local data', async () => {
    const fake = createFakeApi();
    fake.answer('session:get', () => ok(session(true)));
    fake.answer('conversations:list', () => ok([]));
    fake.answer('history:list', () => ok([listItem({ id: 'c1', state: 'resolved' })]));
    const stores = createStores(fake.api, transport);
    await flush();
    stores.history.getState().open();
    stores.history.getState().reveal({ conversationId: 'c1', turnId: 't1' });
    await flush();
    expect(stores.history.getState().recent).toHaveLength(1);

    fake.emit({ type: 'session:changed', session: session(false) });
    expect(stores.history.getState()).toMatchObject({ isOpen: false, recent: [], hits: [], query: '', target: null });
  });
});
