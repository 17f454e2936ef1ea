import { describe, expect, it } from 'vitest';
import { chatwootAdapter } from '../../../src/hub/adapters/chatwoot';
import { createMemoryPendingTranscripts } from '../../../src/hub/adapters/pending-memory';
import { expectHandoff, fixture, makeContext, texts } from './helpers';

const KEY = 'chatwoot:int-1:88';

function setup() {
  const pending = createMemoryPendingTranscripts();
  const ctx = makeContext(pending);
  return { pending, send: (name: string, change: Record<string, unknown> = {}) => chatwootAdapter.translate({ ...fixture<Record<string, unknown>>(name), ...change }, ctx) };
}

describe('Chatwoot adapter', () => {
  it('builds the transcript from message webhooks and hands it off when the bot opens the conversation', async () => {
    const { send } = setup();
    expect(await send('chatwoot-conversation-created.json')).toMatchObject({ kind: 'recorded' });
    expect(await send('chatwoot-message-incoming.json')).toMatchObject({ kind: 'recorded' });
    expect(await send('chatwoot-message-bot.json')).toMatchObject({ kind: 'recorded' });
    const outcome = await send('chatwoot-status-open.json');
    const envelope = expectHandoff(outcome);
    expect(texts(envelope)).toEqual([
      ['customer', 'my parcel <script>alert(1)</script> never came'],
      ['bot', 'Sorry, I could not find that order.'],
    ]);
    expect(envelope.customer).toEqual({ id: '31', name: 'Priya Raman', email: 'priya@example.com', phone: '+44 7700 900123' });
    expect(envelope.routing).toEqual({ channel: 'whatsapp' });
    expect(envelope.fields).toEqual([{ key: 'order_ref', label: 'Order ref', value: 'AC-99812', source: 'bot' }]);
    expect(envelope.extra).toEqual({ labels: ['delivery'] });
    expect(outcome.kind === 'handoff' && outcome.pendingKeys).toEqual([KEY]);
  });

  it('orders turns by their time even when the webhooks arrive out of order', async () => {
    const { send } = setup();
    await send('chatwoot-message-bot.json');
    await send('chatwoot-message-incoming.json');
    const envelope = expectHandoff(await send('chatwoot-status-open.json'));
    expect(envelope.transcript.map((t) => t.id)).toEqual(['cw-1001', 'cw-1002']);
  });

  it('keeps a retried message webhook once', async () => {
    const { send, pending } = setup();
    await send('chatwoot-message-incoming.json');
    await send('chatwoot-message-incoming.json');
    expect((await pending.read(KEY)).turns).toHaveLength(1);
  });

  it('names the customer from an earlier contact when the status event carries none', async () => {
    const { send } = setup();
    await send('chatwoot-conversation-created.json');
    const envelope = expectHandoff(await send('chatwoot-status-open.json', { meta: {} }));
    expect(envelope.customer).toMatchObject({ id: '31', name: 'Priya Raman', email: 'priya@example.com' });
  });

  it('hands off with an empty transcript and a fallback name when nothing came before', async () => {
    const { send } = setup();
    const envelope = expectHandoff(await send('chatwoot-status-open.json', { meta: { sender: { id: 310042 } } }));
    expect(envelope.transcript).toEqual([]);
    expect(envelope.customer.name).toBe('Customer 310042');
  });

  it('maps a retried status webhook to the same handoff id', async () => {
    const { send } = setup();
    const first = expectHandoff(await send('chatwoot-status-open.json'));
    const second = expectHandoff(await send('chatwoot-status-open.json'));
    expect(second.id).toBe(first.id);
    expect(first.id).toBe('chatwoot:88');
  });

  it('skips activity and private messages, and keeps no turn once a human has the conversation', async () => {
    const { send, pending } = setup();
    expect(await send('chatwoot-message-incoming.json', { message_type: 'activity', id: 7 })).toMatchObject({ kind: 'ignored' });
    expect(await send('chatwoot-message-incoming.json', { private: true, id: 8 })).toMatchObject({ kind: 'ignored' });
    expect(await send('chatwoot-message-incoming.json', { conversation: { id: 88, status: 'open' } })).toMatchObject({ kind: 'customer-message' });
    expect((await pending.read(KEY)).turns).toEqual([]);
  });

  it('marks an outgoing message from a human agent as the agent’s', async () => {
    const { send, pending } = setup();
    await send('chatwoot-message-bot.json', { sender: { id: 9, name: 'Dana', type: 'user' } });
    expect((await pending.read(KEY)).turns[0]).toMatchObject({ author: 'agent', name: 'Dana' });
  });

  it('does not treat a reopened or resolved conversation as a handoff', async () => {
    const { send } = setup();
    expect(await send('chatwoot-status-open.json', { changed_attributes: [{ status: { previous_value: 'resolved', current_value: 'open' } }] })).toMatchObject({ kind: 'ignored' });
    expect(await send('chatwoot-status-open.json', { status: 'resolved' })).toMatchObject({ kind: 'ignored' });
  });

  it('keeps one integration’s pending messages apart from another’s', async () => {
    const pending = createMemoryPendingTranscripts();
    await chatwootAdapter.translate(fixture('chatwoot-message-incoming.json'), makeContext(pending, 'int-A'));
    const envelope = expectHandoff(await chatwootAdapter.translate(fixture('chatwoot-status-open.json'), makeContext(pending, 'int-B')));
    expect(envelope.transcript).toEqual([]);
  });

  it('refuses an unknown message type and a webhook without an event name', async () => {
    const { send } = setup();
    expect(await send('chatwoot-message-incoming.json', { message_type: 9 })).toMatchObject({ kind: 'invalid' });
    expect(await chatwootAdapter.translate({ id: 1 }, makeContext())).toMatchObject({ kind: 'invalid' });
    expect(await send('chatwoot-message-incoming.json', { event: 'contact_updated' })).toMatchObject({ kind: 'ignored' });
  });
});
