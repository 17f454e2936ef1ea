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

  it('adds a conversation the core announces and updates a known one', () => {
    const fake = createFakeApi();
    const store = createInboxStore(fake.api);
    fake.emit({ type: 'conversation:changed', item: listItem({ id: 'a', state: 'offered' }) });
    fake.emit({ type: 'conversation:changed', item: listItem({ id: 'a', state: 'assigned' }) });
    expect(store.getState().ids).toEqual(['a']);
    expect(store.getState().byId.a?.state).toBe('assigned');
  });

  it('leaves the state a subscriber was given untouched when the next event arrives', () => {
    const fake = createFakeApi();
    const store = createInboxStore(fake.api);
    const seen: Array<{ byId: Readonly<Record<string, { state: string }>>; ids: string[] }> = [];
    store.subscribe((state) => seen.push({ byId: state.byId, ids: state.ids }));
    fake.emit({ type: 'conversation:changed', item: listItem({ id: 'a', state: 'offered' }) });
    fake.emit({ type: 'conversation:changed', item: listItem({ id: 'a', state: 'assigned' }) });
    fake.emit({ type: 'conversation:changed', item: listItem({ id: 'b', state: 'queued' }) });
    expect(seen.map(({ byId }) => Object.keys(byId).sort().map((id) => `${id}:${byId[id]?.state}`).join(' '))).toEqual([
      'a:offered',
      'a:assigned',
      'a:assigned b:queued',
    ]);
    expect(seen[1]?.ids).toBe(seen[0]?.ids);
    expect(seen[2]?.ids).toEqual(['a', 'b']);
    expect('b' in (seen[1]?.byId ?? {})).toBe(false);
  });

  it('refuses a write through the list it hands out', () => {
    const fake = createFakeApi();
    const store = createInboxStore(fake.api);
    fake.emit({ type: 'conversation:changed', item: listItem({ id: 'a', state: 'offered' }) });
    const byId = store.getState().byId as Record<string, unknown>;
    expect(() => {
      byId.a = listItem({ id: 'a', state: 'resolved' });
    }).toThrow(TypeError);
    expect(store.getState().byId.a?.state).toBe('offered');
  });

  it('keeps the order conversations were listed in, however many there are', async () => {
    const fake = createFakeApi();
    const listed = Array.from({ length: 300 }, (_, k) => listItem({ id: `c-${(k * 7919) % 1000}` }));
    fake.answer('conversations:list', () => ok(listed));
    const store = createInboxStore(fake.api);
    await store.getState().load();
    expect(store.getState().ids).toEqual(listed.map((item) => item.id));
    expect(Object.values(store.getState().byId)).toHaveLength(300);
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
