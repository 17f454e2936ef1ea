import { describe, expect, it } from 'vitest';
import { createInboxStore } from '../../../../src/renderer/features/inbox/inbox-store';
import { createFakeApi, flush, listItem, ok } from '../../fake-api';

describe('inbox store', () => {
  it('loads the list from the core, normalised by id', async () => {
    const fake = createFakeApi();
    fake.answer('conversations:list', () => ok([listItem({ id: 'a' }), listItem({ id: 'b' })]));
    const store = createInboxStore(fake.api);
    await store.getState().load();
    expect(store.getState().ids).toEqual(['a', 'b']);
    expect(store.getState().byId.b?.customerName).toBe('Customer b');
  });

  it('adds a conversation the core announces and updates a known one in place', () => {
    const fake = createFakeApi();
    const store = createInboxStore(fake.api);
    fake.emit({ type: 'conversation:changed', item: listItem({ id: 'a', state: 'offered' }) });
    fake.emit({ type: 'conversation:changed', item: listItem({ id: 'a', state: 'assigned' }) });
    expect(store.getState().ids).toEqual(['a']);
    expect(store.getState().byId.a?.state).toBe('assigned');
  });

  it('tells subscribers of every change, with a new revision, though the map is updated in place', () => {
    const fake = createFakeApi();
    const store = createInboxStore(fake.api);
    const seen: string[] = [];
    store.subscribe((state, previous) => {
      if (state.revision !== previous.revision) seen.push(`${state.revision}:${state.byId.a?.state}:${state.ids.length}`);
    });
    fake.emit({ type: 'conversation:changed', item: listItem({ id: 'a', state: 'offered' }) });
    const idsAfterAdd = store.getState().ids;
    fake.emit({ type: 'conversation:changed', item: listItem({ id: 'a', state: 'assigned' }) });
    expect(seen).toEqual(['1:offered:1', '2:assigned:1']);
    expect(store.getState().ids).toBe(idsAfterAdd);
  });

  it('replaces the whole map on a reload, so a view holding the old one sees the list changed', async () => {
    const fake = createFakeApi();
    const store = createInboxStore(fake.api);
    fake.emit({ type: 'conversation:changed', item: listItem({ id: 'gone', state: 'offered' }) });
    const before = store.getState().byId;
    fake.answer('conversations:list', () => ok([listItem({ id: 'b' })]));
    await store.getState().load();
    expect(store.getState().byId).not.toBe(before);
    expect(store.getState().ids).toEqual(['b']);
    expect('gone' in store.getState().byId).toBe(false);
  });

  it('opens the conversation the core asks to focus, as when a notification is clicked', async () => {
    const fake = createFakeApi();
    const store = createInboxStore(fake.api);
    fake.emit({ type: 'conversation:focus-requested', id: 'c-42' });
    await flush();
    expect(store.getState().selectedId).toBe('c-42');
  });

  it('says why the list could not be loaded', async () => {
    const fake = createFakeApi();
    fake.answer('conversations:list', () => ({ ok: false, error: { code: 'cache', message: 'The local cache is locked.' } }));
    const store = createInboxStore(fake.api);
    await store.getState().load();
    expect(store.getState().loadError).toBe('The local cache is locked.');
  });
});
