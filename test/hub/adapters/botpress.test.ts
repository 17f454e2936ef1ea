import { describe, expect, it } from 'vitest';
import { botpressAdapter } from '../../../src/hub/adapters/botpress';
import { createMemoryPendingTranscripts } from '../../../src/hub/adapters/pending-memory';
import { expectHandoff, makeContext, NOW, texts } from './helpers';

const conversation = (payload: Record<string, unknown>) => ({ type: 'createRemoteConversation', payload });

describe('Botpress HITL adapter', () => {
  it('answers createRemoteUser with an id and names the customer in a later conversation by it', () => {
    const ctx = makeContext();
    const user = botpressAdapter.translate({ type: 'createRemoteUser', payload: { role: 'end-user', name: 'Kofi', email: 'kofi@example.com' } }, ctx);
    expect(user).toMatchObject({ kind: 'recorded', reply: { id: expect.stringMatching(/^bpu-/) } });
    const id = user.kind === 'recorded' ? user.reply!.id! : '';
    const envelope = expectHandoff(botpressAdapter.translate(conversation({ messages: [{ text: 'hello', author: id }] }), ctx));
    expect(envelope.customer).toEqual({ id, name: 'Kofi', email: 'kofi@example.com' });
  });

  it('maps BOT to the bot, unknown authors and missing authors to the customer, and reads timestamps', () => {
    const envelope = expectHandoff(
      botpressAdapter.translate(
        conversation({
          messages: [
            { text: 'hi', timestamp: '2026-11-20T09:00:00Z' },
            { text: 'How can I help?', author: 'BOT', timestamp: 'not a time' },
            { text: 'agent please', author: 'u-77' },
          ],
        }),
        makeContext(),
      ),
    );
    expect(texts(envelope)).toEqual([
      ['customer', 'hi'],
      ['bot', 'How can I help?'],
      ['customer', 'agent please'],
    ]);
    expect(envelope.transcript.map((t) => t.at)).toEqual(['2026-11-20T09:00:00.000Z', '2026-11-20T09:00:00.000Z', '2026-11-20T09:00:00.000Z']);
  });

  it('maps a retried conversation to the same id and a different one to another', () => {
    const ctx = makeContext();
    const body = conversation({ title: 'Refund', messages: [{ text: 'refund please' }] });
    const first = expectHandoff(botpressAdapter.translate(body, ctx));
    expect(expectHandoff(botpressAdapter.translate(body, ctx)).id).toBe(first.id);
    expect(expectHandoff(botpressAdapter.translate(conversation({ title: 'Other' }), ctx)).id).not.toBe(first.id);
  });

  it('hands off a conversation with no messages and no user as an empty transcript with a fallback name', () => {
    const envelope = expectHandoff(botpressAdapter.translate(conversation({}), makeContext()));
    expect(envelope.transcript).toEqual([]);
    expect(envelope.customer.name).toMatch(/^Customer \w{6}$/);
  });

  it('keeps messages the bot relays after the handoff under the conversation', () => {
    const pending = createMemoryPendingTranscripts();
    const outcome = botpressAdapter.translate(
      { type: 'botSendsMessage', remoteConversationId: 'wl-9', remoteUserId: 'bpu-1', payload: { type: 'text', text: 'still there?' } },
      makeContext(pending),
    );
    expect(outcome).toMatchObject({ kind: 'recorded' });
    expect(pending.read('botpress:int-1:conversation:wl-9').turns).toMatchObject([{ author: 'customer', text: 'still there?', at: NOW.toISOString() }]);
  });

  it('answers ping as ignored and refuses a message whose text is not a string', () => {
    expect(botpressAdapter.translate({ type: 'ping' }, makeContext())).toMatchObject({ kind: 'ignored' });
    expect(botpressAdapter.translate(conversation({ messages: [{ text: 5 }] }), makeContext())).toMatchObject({
      kind: 'invalid',
      problems: [{ path: 'payload.messages[0].text' }],
    });
  });
});
