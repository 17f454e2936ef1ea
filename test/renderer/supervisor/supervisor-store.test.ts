import { describe, expect, it, vi } from 'vitest';
import { createSupervisorStore } from '../../../src/renderer/features/supervisor/supervisor-store';
import { ok, fail } from '../../../src/shared/result';
import { conversation, createFakeApi, flush, listItem } from '../fake-api';

describe('the supervisor store', () => {
  it('replaces the agents with each live snapshot', () => {
    const fake = createFakeApi();
    const store = createSupervisorStore(fake.api);
    const agents = [{ id: 'a', name: 'Alex', presence: 'available' as const, since: '2026-11-20T10:00:00Z', queues: ['support'], skills: [], languages: [], capacity: 2, load: 1, openFlags: 0 }];
    fake.emit({ type: 'agents:changed', agents });
    expect(store.getState().agents).toEqual(agents);
  });

  it('records when a conversation was first seen assigned, and keeps that time on later changes', () => {
    const fake = createFakeApi();
    const store = createSupervisorStore(fake.api);
    fake.emit({ type: 'conversation:changed', item: listItem({ id: 'c1', state: 'assigned', updatedAt: '2026-11-20T10:01:00Z' }) });
    fake.emit({ type: 'conversation:changed', item: listItem({ id: 'c1', state: 'assigned', updatedAt: '2026-11-20T10:09:00Z' }) });
    expect(store.getState().answeredAt.toJS()).toEqual({ c1: '2026-11-20T10:01:00Z' });
  });

  it('gives subscribers a new answered-at map for each newly answered conversation, never changing the old one', () => {
    const fake = createFakeApi();
    const store = createSupervisorStore(fake.api);
    const first = store.getState().answeredAt;
    const seen: string[][] = [];
    store.subscribe((state, previous) => {
      if (state.answeredAt !== previous.answeredAt) seen.push([...state.answeredAt.keys()]);
    });
    fake.emit({ type: 'conversation:changed', item: listItem({ id: 'c1', state: 'assigned' }) });
    fake.emit({ type: 'conversation:changed', item: listItem({ id: 'c1', state: 'assigned' }) });
    fake.emit({ type: 'conversation:changed', item: listItem({ id: 'c2', state: 'assigned' }) });
    expect(seen).toEqual([['c1'], ['c1', 'c2']]);
    expect(first.size).toBe(0);
  });

  it('shows the agent typing only in the monitored conversation', async () => {
    const fake = createFakeApi();
    fake.answer('supervisor:monitor', ({ id }) => ok(conversation({ id })));
    const store = createSupervisorStore(fake.api);
    await store.getState().monitor('c1');
    fake.emit({ type: 'typing', conversationId: 'c2', agentId: 'a', at: '2026-11-20T10:00:00Z' });
    expect(store.getState().typingAt).toBeNull();
    fake.emit({ type: 'typing', conversationId: 'c1', agentId: 'a', at: '2026-11-20T10:00:05Z' });
    expect(store.getState().typingAt).toBe('2026-11-20T10:00:05Z');
  });

  it('whispers into the monitored conversation with the flag it answers, and shows a refusal', async () => {
    const fake = createFakeApi();
    fake.answer('supervisor:monitor', ({ id }) => ok(conversation({ id })));
    fake.answer('supervisor:whisper', () => fail('no_agent', 'No agent owns this conversation right now.'));
    const store = createSupervisorStore(fake.api);
    await store.getState().monitor('c1');
    expect(await store.getState().whisper('Offer a voucher', 'f1')).toBe(false);
    expect(fake.callsTo('supervisor:whisper')).toEqual([{ id: 'c1', text: 'Offer a voucher', flagId: 'f1' }]);
    expect(store.getState().error).toBe('No agent owns this conversation right now.');
  });

  it('shows a flag raised in the watched conversation once the cache announces the change', async () => {
    const fake = createFakeApi();
    const flag = { id: 'f1', conversationId: 'c1', raisedBy: { id: 'u1', name: 'Priya' }, message: 'Wants a manager', at: '2026-11-20T10:06:00Z', answer: null };
    fake.answer('supervisor:monitor', ({ id }) => ok(conversation({ id })));
    fake.answer('conversations:get', ({ id }) => ok(conversation({ id, flags: [flag] })));
    const store = createSupervisorStore(fake.api);
    await store.getState().monitor('c1');
    fake.emit({ type: 'conversation:changed', item: listItem({ id: 'c1', state: 'assigned', openFlags: 1 }) });
    await vi.waitFor(() => expect(store.getState().monitored?.flags).toEqual([flag]));
  });

  it('writes to the customer in the monitored conversation and shows the hub refusing one who has not joined', async () => {
    const fake = createFakeApi();
    fake.answer('supervisor:monitor', ({ id }) => ok(conversation({ id })));
    fake.answer('conversations:reply', () => fail('not_joined', 'Barge in or take over before writing to the customer.'));
    const store = createSupervisorStore(fake.api);
    expect(await store.getState().say('Hello')).toBe(false);
    expect(fake.callsTo('conversations:reply')).toEqual([]);
    await store.getState().monitor('c1');
    expect(await store.getState().say('I am the team lead.')).toBe(false);
    expect(fake.callsTo('conversations:reply')).toEqual([{ id: 'c1', text: 'I am the team lead.' }]);
    expect(store.getState().error).toBe('Barge in or take over before writing to the customer.');
  });

  it('follows the monitored transcript as its conversation changes', async () => {
    const fake = createFakeApi();
    fake.answer('supervisor:monitor', ({ id }) => ok(conversation({ id })));
    fake.answer('conversations:get', ({ id }) => ok(conversation({ id, state: 'resolved' })));
    const store = createSupervisorStore(fake.api);
    await store.getState().monitor('c1');
    fake.emit({ type: 'conversation:changed', item: listItem({ id: 'c1', state: 'resolved' }) });
    await flush();
    expect(store.getState().monitored?.state).toBe('resolved');
  });
});
