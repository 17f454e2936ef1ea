import { describe, expect, it } from 'vitest';
import { createConversationStore } from '../../../../src/renderer/features/conversation/conversation-store';
import { createFilesStore, toBase64 } from '../../../../src/renderer/features/conversation/files-store';
import type { PendingMessage } from '../../../../src/shared/ipc';
import { conversation, createFakeApi, ok } from '../../fake-api';

function setUp() {
  const fake = createFakeApi();
  fake.answer('conversations:get', ({ id }) => ok(conversation({ id })));
  fake.answer('conversations:mark-read', () => ok(null));
  fake.answer('attachments:upload', ({ name, data }) => ok({ id: `a_${name}`, name, contentType: 'application/pdf', size: atob(data).length }));
  const files = createFilesStore(fake.api);
  return { fake, files, conversations: createConversationStore(fake.api, files) };
}

const sent = (request: { id: string; text: string }): PendingMessage => ({
  id: 'p1',
  conversationId: request.id,
  at: '2026-11-20T10:06:00.000Z',
  author: 'agent',
  text: request.text,
  clientMessageId: 'cm-1',
  status: 'pending',
  error: null,
});

describe('files store', () => {
  it('uploads an attached file and sends it with the next reply, even without text, then forgets it', async () => {
    const { fake, files, conversations } = setUp();
    fake.answer('conversations:reply', (request) => ok(sent(request)));
    await conversations.getState().open('a');
    await files.getState().attach('a', new File([new Uint8Array([0x25, 0x50, 0x44, 0x46])], 'form.pdf'));
    expect(fake.callsTo('attachments:upload')).toEqual([{ conversationId: 'a', name: 'form.pdf', data: toBase64(new Uint8Array([0x25, 0x50, 0x44, 0x46])) }]);
    expect(files.getState().outgoing.a).toEqual([{ id: 'a_form.pdf', name: 'form.pdf', contentType: 'application/pdf', size: 4 }]);

    expect(await conversations.getState().reply('a')).toBe(true);
    expect(fake.callsTo('conversations:reply')).toEqual([{ id: 'a', text: '', attachments: [{ id: 'a_form.pdf', name: 'form.pdf', contentType: 'application/pdf', size: 4 }] }]);
    expect(files.getState().outgoing.a).toEqual([]);
  });

  it('says plainly that a file is too large, without uploading it', async () => {
    const { fake, files } = setUp();
    const big = new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'scan.tiff');
    await files.getState().attach('a', big);
    expect(files.getState().error.a).toBe('scan.tiff is too large to send: files can be up to 10 MB.');
    expect(fake.callsTo('attachments:upload')).toEqual([]);
  });

  it('keeps the core\'s reason when an upload is refused, and nothing waits to be sent', async () => {
    const { fake, files } = setUp();
    fake.answer('attachments:upload', () => ({ ok: false, error: { code: 'offline', message: 'Files can be sent only while connected to the hub.' } }));
    await files.getState().attach('a', new File(['x'], 'note.txt'));
    expect(files.getState().error.a).toBe('Files can be sent only while connected to the hub.');
    expect(files.getState().outgoing.a ?? []).toEqual([]);
    expect(files.getState().uploading.a).toEqual([]);
  });

  it('encodes megabytes to base64 without overflowing the stack', () => {
    const bytes = new Uint8Array(Buffer.alloc(3 * 1024 * 1024, 'warmline\u00ff'));
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});
