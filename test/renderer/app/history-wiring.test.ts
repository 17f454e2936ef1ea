import { describe, expect, it } from 'vitest';
import { createStores } from '../../../src/renderer/app/wiring';
import type { Transport } from '../../../src/renderer/api';
import type { SessionState } from '../../../src/shared/ipc';
import { createFakeApi, flush, listItem, ok } from '../fake-api';

const transport: Transport = {
  get: () => ({ status: 'open', retryInSeconds: null }),
  subscribe: () => () => undefined,
  onReconnected: () => () => undefined,
};

const session = (isSignedIn: boolean): SessionState => ({
  user: isSignedIn ? { id: 'u1', email: 'agent@demo', name: 'Priya', role: 'agent', queues: [] } : null,
  connection: { status: 'online', since: '2026-11-20T10:00:00Z', hubUrl: null, lastSeq: 0, detail: null, retryInSeconds: null },
});

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
