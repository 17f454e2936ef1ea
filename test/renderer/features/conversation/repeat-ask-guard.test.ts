import { describe, expect, it } from 'vitest';
import { createConversationStore } from '../../../../src/renderer/features/conversation/conversation-store';
import { selectDraft, selectRepeatAskWarning } from '../../../../src/renderer/features/conversation/conversation-selectors';
import {
  customerCallName,
  noticeText,
  sendDecision,
  warningNotices,
} from '../../../../src/renderer/features/conversation/repeat-ask-guard';
import type { HandoffEnvelope } from '../../../../src/shared/envelope';
import type { PendingMessage } from '../../../../src/shared/ipc';
import { conversation, createFakeApi, ok } from '../../fake-api';

const envelope: HandoffEnvelope = {
  v: 1,
  id: 'env-a',
  customer: { name: 'Maria Okafor', email: 'maria@example.com' },
  issue: { title: 'Refund for boots' },
  fields: [{ key: 'order_id', label: 'Order', value: '555', verified: true }],
  transcript: [],
};

describe('repeat-ask guard', () => {
  it('says what the customer already gave, by first name, with the value and whether it was verified', () => {
    const notices = warningNotices('Could you give me your order number? And your email address?', envelope, ['order_id', 'email']);
    expect(notices.map(noticeText)).toEqual([
      'Maria already gave their order number: 555 (verified)',
      'Maria already gave their email address: maria@example.com',
    ]);
  });

  it('calls a customer with a stand-in name "The customer"', () => {
    expect(customerCallName({ ...envelope, customer: { name: 'Visitor 4411' } })).toBe('The customer');
    expect(customerCallName({ ...envelope, customer: { name: '  Zoë   Brontë ' } })).toBe('Zoë');
  });

  it('warns on the first Enter for a draft that asks again, and sends on the next', () => {
    const draft = 'What is your order number?';
    const first = sendDecision(draft, envelope, []);
    expect(first).toEqual({ action: 'warn', warnedKeys: ['order_id'] });
    expect(sendDecision(draft, envelope, ['order_id'])).toEqual({ action: 'send' });
  });

  it('warns once more when the agent adds a new repeat ask after the warning', () => {
    expect(sendDecision('What is your order number? And your email address?', envelope, ['order_id'])).toEqual({
      action: 'warn',
      warnedKeys: ['order_id', 'email'],
    });
  });

  it('sends at once a draft that asks for nothing the customer gave', () => {
    expect(sendDecision('I can see your order 555, one moment.', envelope, [])).toEqual({ action: 'send' });
  });

  it('shows nothing before the agent tries to send, and drops a note once the draft no longer asks', () => {
    expect(warningNotices('What is your order number?', envelope, [])).toEqual([]);
    expect(warningNotices('I can see your order 555.', envelope, ['order_id'])).toEqual([]);
  });
});

describe('composer send with the repeat-ask guard', () => {
  const pending = (id: string, text: string): PendingMessage => ({
    id: 'p1',
    conversationId: id,
    at: '2026-11-20T10:06:00.000Z',
    author: 'agent',
    text,
    clientMessageId: 'cm-1',
    status: 'pending',
    error: null,
  });

  async function setUp() {
    const fake = createFakeApi();
    fake.answer('conversations:get', ({ id }) => ok(conversation({ id, envelope })));
    fake.answer('conversations:mark-read', () => ok(null));
    fake.answer('conversations:reply', ({ id, text }) => ok(pending(id, text)));
    const store = createConversationStore(fake.api);
    await store.getState().open('a');
    return { fake, store };
  }

  it('holds the first send of a draft that asks again, shows the warning, and sends on the second', async () => {
    const { fake, store } = await setUp();
    store.getState().editDraft('a', 'Could you give me your order number?');
    expect(await store.getState().send('a')).toBe('warned');
    expect(fake.callsTo('conversations:reply')).toEqual([]);
    expect(selectRepeatAskWarning('a')(store.getState()).map(noticeText)).toEqual(['Maria already gave their order number: 555 (verified)']);

    expect(await store.getState().send('a')).toBe('sent');
    expect(fake.callsTo('conversations:reply')).toEqual([{ id: 'a', text: 'Could you give me your order number?' }]);
    expect(selectRepeatAskWarning('a')(store.getState())).toEqual([]);
    expect(selectDraft('a')(store.getState())).toBe('');
  });

  it('sends anyway at once when the agent chooses to', async () => {
    const { fake, store } = await setUp();
    store.getState().editDraft('a', 'What is your order number?');
    await store.getState().send('a');
    expect(await store.getState().sendAnyway('a')).toBe(true);
    expect(fake.callsTo('conversations:reply')).toHaveLength(1);
  });

  it('drops the warning as the agent edits the ask away, then sends the edited draft at once', async () => {
    const { fake, store } = await setUp();
    store.getState().editDraft('a', 'What is your order number?');
    await store.getState().send('a');
    store.getState().editDraft('a', 'I can see your order 555.');
    expect(selectRepeatAskWarning('a')(store.getState())).toEqual([]);
    expect(await store.getState().send('a')).toBe('sent');
    expect(fake.callsTo('conversations:reply')).toEqual([{ id: 'a', text: 'I can see your order 555.' }]);
  });

  it('gives the same warning array for the same draft, as a zustand selector must', async () => {
    const { store } = await setUp();
    store.getState().editDraft('a', 'What is your order number?');
    await store.getState().send('a');
    const select = selectRepeatAskWarning('a');
    expect(select(store.getState())).toBe(select(store.getState()));
  });

  it('sends a plain draft on the first Enter', async () => {
    const { fake, store } = await setUp();
    store.getState().editDraft('a', 'Hello Maria, I am looking at your refund now.');
    expect(await store.getState().send('a')).toBe('sent');
    expect(fake.callsTo('conversations:reply')).toHaveLength(1);
  });
});
