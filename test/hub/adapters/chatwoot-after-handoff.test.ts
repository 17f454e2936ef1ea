import { describe, expect, it } from 'vitest';
import { chatwootAdapter } from '../../../src/hub/adapters/chatwoot';
import { createMemoryPendingTranscripts } from '../../../src/hub/adapters/pending-memory';
import { expectHandoff, fixture, makeContext, NOW } from './helpers';

/**
 * Shapes as chatwoot/chatwoot sends them: `Message#webhook_data` with `conversation` as
 * `Conversations::EventDataPresenter#push_data`, `Attachment#push_event_data`, and the
 * `changed_attributes` of app/listeners/base_listener.rb.
 */
const incoming = (change: Record<string, unknown> = {}) => ({
  ...fixture<Record<string, unknown>>('chatwoot-message-incoming.json'),
  id: 2001,
  content: 'Any news on my parcel?',
  created_at: '2026-11-20T10:20:00.000Z',
  conversation: { id: 88, status: 'open', channel: 'Channel::Whatsapp' },
  ...change,
});

const send = (payload: unknown) => chatwootAdapter.translate(payload, makeContext(createMemoryPendingTranscripts()));

describe('Chatwoot adapter after the handoff', () => {
  it('turns the contact’s message in an open conversation into the customer’s message for the agent', async () => {
    expect(await send(incoming())).toEqual({
      kind: 'customer-message',
      sourceConversationId: '88',
      message: { sourceMessageId: 'cw-2001', at: '2026-11-20T10:20:00.000Z', text: 'Any news on my parcel?' },
    });
  });

  it('never echoes an outgoing message (the agent’s reply the hub posted) back as the customer’s', async () => {
    const echo = incoming({ message_type: 'outgoing', sender: { id: 1, name: 'Warmline', type: 'user' } });
    expect(await send(echo)).toMatchObject({ kind: 'ignored' });
    expect(await send(incoming({ message_type: 1 }))).toMatchObject({ kind: 'ignored' });
    expect(await send(incoming({ message_type: 'template' }))).toMatchObject({ kind: 'ignored' });
  });

  it('keeps private notes and activity messages away from the agent’s transcript', async () => {
    expect(await send(incoming({ private: true }))).toMatchObject({ kind: 'ignored' });
    expect(await send(incoming({ message_type: 'activity' }))).toMatchObject({ kind: 'ignored' });
  });

  it('carries the files of the customer’s message as attachments with their storage name and size', async () => {
    const photo = incoming({
      content: null,
      attachments: [
        { id: 5, message_id: 2001, file_type: 'image', account_id: 4, extension: null, data_url: 'https://chat.example/rails/active_storage/blobs/redirect/abc/damaged%20box.jpg', thumb_url: '', file_size: 48213 },
        { id: 6, message_id: 2001, file_type: 'location', account_id: 4, coordinates_lat: 51.5, coordinates_long: -0.1, fallback_title: 'Home', data_url: 'https://maps.example/?q=51.5,-0.1' },
      ],
    });
    expect(await send(photo)).toMatchObject({
      kind: 'customer-message',
      message: {
        text: '[location]',
        attachments: [{ url: 'https://chat.example/rails/active_storage/blobs/redirect/abc/damaged%20box.jpg', name: 'damaged box.jpg', size: 48213 }],
      },
    });
  });

  it('puts a file the customer sent the bot on its turn instead of the word [image]', async () => {
    const pending = createMemoryPendingTranscripts();
    const ctx = makeContext(pending);
    const photo = { ...incoming({ conversation: { id: 88, status: 'pending' } }), content: 'here', attachments: [{ file_type: 'image', data_url: 'https://chat.example/f/box.png', file_size: 10 }] };
    await chatwootAdapter.translate(photo, ctx);
    const envelope = expectHandoff(await chatwootAdapter.translate(fixture('chatwoot-status-open.json'), ctx));
    expect(envelope.transcript).toMatchObject([{ author: 'customer', text: 'here', attachments: [{ url: 'https://chat.example/f/box.png', name: 'box.png', size: 10 }] }]);
  });

  it('ignores a message with neither text nor a file, and refuses one that names no conversation', async () => {
    expect(await send(incoming({ content: '' }))).toMatchObject({ kind: 'ignored' });
    expect(await send({ ...incoming(), conversation: { status: 'open' } })).toMatchObject({ kind: 'invalid', problems: [{ path: 'conversation.id' }] });
  });

  it('hands off on a conversation_updated whose changed attributes say pending to open, with the same id as the status event', async () => {
    const updated = { ...fixture<Record<string, unknown>>('chatwoot-status-open.json'), event: 'conversation_updated' };
    const viaUpdate = expectHandoff(await send(updated));
    const viaStatus = expectHandoff(await send(fixture('chatwoot-status-open.json')));
    expect(viaUpdate.id).toBe(viaStatus.id);
    expect(viaUpdate.source).toEqual({ platform: 'chatwoot', conversationId: '88' });
  });

  it('does not hand off on a conversation_updated that changes anything else', async () => {
    const base = { ...fixture<Record<string, unknown>>('chatwoot-status-open.json'), event: 'conversation_updated' };
    expect(await send({ ...base, changed_attributes: [{ assignee_id: { previous_value: null, current_value: 3 } }] })).toMatchObject({ kind: 'ignored' });
    expect(await send({ ...base, changed_attributes: null })).toMatchObject({ kind: 'ignored' });
    expect(await send({ ...base, changed_attributes: [{ status: { previous_value: 'resolved', current_value: 'open' } }] })).toMatchObject({ kind: 'ignored' });
  });

  it('tells the hub the customer left when Chatwoot resolves a conversation a human had', async () => {
    const resolved = { ...fixture<Record<string, unknown>>('chatwoot-status-open.json'), status: 'resolved', changed_attributes: [{ status: { previous_value: 'open', current_value: 'resolved' } }] };
    expect(await send(resolved)).toEqual({ kind: 'customer-left', sourceConversationId: '88', detail: 'the conversation was resolved in Chatwoot' });
    const botResolved = { ...resolved, changed_attributes: [{ status: { previous_value: 'pending', current_value: 'resolved' } }] };
    expect(await send(botResolved)).toMatchObject({ kind: 'ignored' });
  });

  it('reads a Chatwoot time it cannot parse as the time it arrived', async () => {
    expect(await send(incoming({ created_at: 'yesterday' }))).toMatchObject({ message: { at: NOW.toISOString() } });
  });
});
