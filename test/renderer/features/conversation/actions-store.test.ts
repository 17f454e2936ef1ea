import { describe, expect, it } from 'vitest';
import { createActionsStore } from '../../../../src/renderer/features/conversation/actions-store';
import { createFakeApi, fail, flush, ok } from '../../fake-api';

const directory = {
  queues: [{ id: 'returns', name: 'Returns' }],
  agents: [{ id: 'u2', name: 'Tomás Silva', presence: 'available' as const, since: '', queues: [], skills: [], languages: [], capacity: 3, load: 1, openFlags: 0 }],
};

describe('conversation actions', () => {
  it('loads the directory when the transfer form opens and transfers with the trimmed note', async () => {
    const fake = createFakeApi();
    fake.answer('directory:get', () => ok(directory));
    fake.answer('conversations:transfer', () => ok(null));
    const store = createActionsStore(fake.api);
    store.getState().openPanel('transfer');
    await flush();
    expect(store.getState().directory).toEqual(directory);
    expect(await store.getState().transfer('c1', { kind: 'agent', id: 'u2' }, '  verified, wants an exception  ')).toBe(true);
    expect(fake.callsTo('conversations:transfer')).toEqual([{ id: 'c1', to: { kind: 'agent', id: 'u2' }, note: 'verified, wants an exception' }]);
    expect(store.getState()).toMatchObject({ panel: null, done: { conversationId: 'c1', text: 'Transferred to Tomás Silva, with your note.' }, error: null });
  });

  it('keeps the form open and shows the hub’s reason when an action is refused', async () => {
    const fake = createFakeApi();
    fake.answer('conversations:resolve', () => fail('not_owner', 'You no longer own this conversation.'));
    const store = createActionsStore(fake.api);
    store.getState().openPanel('resolve');
    expect(await store.getState().resolve('c1', 'solved')).toBe(false);
    expect(store.getState()).toMatchObject({ panel: 'resolve', error: 'You no longer own this conversation.', done: null });
    expect(fake.callsTo('conversations:resolve')).toEqual([{ id: 'c1', disposition: 'solved' }]);
  });

  it('raises a flag with the agent’s message', async () => {
    const fake = createFakeApi();
    fake.answer('conversations:flag', () => ok(null));
    const store = createActionsStore(fake.api);
    expect(await store.getState().flag('c1', ' Customer threatens to cancel ')).toBe(true);
    expect(fake.callsTo('conversations:flag')).toEqual([{ id: 'c1', message: 'Customer threatens to cancel' }]);
  });
});
