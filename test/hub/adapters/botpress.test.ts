import { describe, expect, it } from 'vitest';
import { botpressAdapter } from '../../../src/hub/adapters/botpress';
import { expectHandoff, makeContext, NOW, texts } from './helpers';

const conversation = (payload: Record<string, unknown>) => ({ type: 'createRemoteConversation', payload });

describe('Botpress HITL adapter', () => {
  it('answers createRemoteUser with an id and names the customer in a later conversation by it', async () => {
    const ctx = makeContext();
    const user = await botpressAdapter.translate({ type: 'createRemoteUser', payload: { role: 'end-user', name: 'Kofi', email: 'kofi@example.com' } }, ctx);
    expect(user).toMatchObject({ kind: 'recorded', reply: { id: expect.stringMatching(/^bpu-/) } });
    const id = user.kind === 'recorded' ? user.reply!.id! : '';
    const envelope = expectHandoff(await botpressAdapter.translate(conversation({ messages: [{ text: 'hello', author: id }] }), ctx));
    expect(envelope.customer).toEqual({ id, name: 'Kofi', email: 'kofi@example.com' });
  });

  it('maps BOT to the bot, unknown authors and missing authors to the customer, and reads timestamps', async () => {
    const envelope = expectHandoff(
      await botpressAdapter.translate(
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

  it('makes two tickets with the same title two conversations, each answered with its own id', async () => {
    const ctx = makeContext();
    const body = conversation({ title: 'Refund', description: 'Customer wants a refund' });
    const first = expectHandoff(await botpressAdapter.translate(body, ctx));
    const second = expectHandoff(await botpressAdapter.translate(body, ctx));
    expect(second.id).not.toBe(first.id);
    expect(second.source?.conversationId).not.toBe(first.source?.conversationId);
    expect(first.source?.conversationId).toMatch(/^bpc-[0-9a-f-]{36}$/);
    expect(first.issue?.title).toBe('Refund');
    expect(first.summary).toEqual({ text: 'Customer wants a refund', source: 'bot' });
  });

  it('hands off a conversation with no messages and no user as an empty transcript with a fallback name', async () => {
    const envelope = expectHandoff(await botpressAdapter.translate(conversation({}), makeContext()));
    expect(envelope.transcript).toEqual([]);
    expect(envelope.customer.name).toMatch(/^Customer \w{6}$/);
  });

  it('turns a message of the remote user into the customer’s message of that ticket, and ignores the bot’s own', async () => {
    const message = (remoteUserId: string, payload: Record<string, unknown>) =>
      botpressAdapter.translate({ type: 'botSendsMessage', remoteConversationId: 'bpc-9', remoteUserId, payload }, makeContext());
    expect(await message('bpu-1', { text: 'still there?', userId: 'user_01' })).toEqual({
      kind: 'customer-message',
      sourceConversationId: 'bpc-9',
      message: { sourceMessageId: expect.stringMatching(/^bp-/), at: NOW.toISOString(), text: 'still there?' },
    });
    expect(await message('BOT', { text: 'The user cancelled the HITL session' })).toMatchObject({ kind: 'ignored' });
    expect(await message('bpu-1', { imageUrl: 'https://files.bpcontent.cloud/box.jpg' })).toMatchObject({
      kind: 'customer-message',
      message: { text: '', attachments: [{ url: 'https://files.bpcontent.cloud/box.jpg' }] },
    });
    expect(await message('bpu-1', { fileUrl: 'https://files.bpcontent.cloud/a.pdf', title: 'invoice.pdf' })).toMatchObject({
      message: { text: '', attachments: [{ url: 'https://files.bpcontent.cloud/a.pdf', name: 'invoice.pdf' }] },
    });
  });

  it('stores a replayed message once but the same words said again later twice', async () => {
    const body = { type: 'botSendsMessage', remoteConversationId: 'bpc-9', remoteUserId: 'bpu-1', payload: { text: 'ok' } };
    const idAt = async (time: string) => {
      const outcome = await botpressAdapter.translate(body, { ...makeContext(), now: () => new Date(time) });
      return outcome.kind === 'customer-message' ? outcome.message.sourceMessageId : outcome.kind;
    };
    expect(await idAt('2026-11-20T10:30:01Z')).toBe(await idAt('2026-11-20T10:30:02Z'));
    expect(await idAt('2026-11-20T10:31:30Z')).not.toBe(await idAt('2026-11-20T10:30:02Z'));
  });

  it('ends the conversation Botpress names when it closes the ticket, and refuses a close without an id', async () => {
    expect(await botpressAdapter.translate({ type: 'closeRemoteTicket', payload: { botpressConversationId: 'bpc-9' } }, makeContext())).toEqual({
      kind: 'customer-left',
      sourceConversationId: 'bpc-9',
      detail: 'Botpress closed the ticket',
    });
    expect(await botpressAdapter.translate({ type: 'closeRemoteTicket', payload: {} }, makeContext())).toMatchObject({ kind: 'invalid' });
  });

  it('answers ping as ignored and refuses a message whose text is not a string', async () => {
    expect(await botpressAdapter.translate({ type: 'ping' }, makeContext())).toMatchObject({ kind: 'ignored' });
    expect(await botpressAdapter.translate(conversation({ messages: [{ text: 5 }] }), makeContext())).toMatchObject({
      kind: 'invalid',
      problems: [{ path: 'payload.messages[0].text' }],
    });
  });
});
