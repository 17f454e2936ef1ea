import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAttachmentFileRepository } from '../../../src/main/cache/attachment-files';
import { createConversationRepository } from '../../../src/main/cache/conversations';
import { openCache } from '../../../src/main/cache/database';
import { clearAll, purgeExpired } from '../../../src/main/cache/retention';
import { createAttachmentService } from '../../../src/main/services/attachments';
import { HubRequestError } from '../../../src/main/hub-client/http-client';
import { pngImage, svgWithScript } from '../../support/attachment-files';
import { conversationView, message } from './fixtures/conversations';

const photo = pngImage();
const now = new Date('2026-11-20T12:00:00Z');

describe('cached attachment files', () => {
  let db: Database.Database;
  let files: ReturnType<typeof createAttachmentFileRepository>;
  beforeEach(() => {
    db = openCache(':memory:');
    files = createAttachmentFileRepository(db);
    const conversations = createConversationRepository(db);
    conversations.save(conversationView({ id: 'old', updatedAt: '2026-09-01T00:00:00Z' }));
    conversations.save(conversationView({ id: 'recent', updatedAt: '2026-11-20T00:00:00Z' }));
    conversations.addMessage(
      message('recent', 'm1', '2026-11-20T10:13:00Z', { text: 'photo', attachments: [{ id: 'a_1', name: 'parcel.jpg', contentType: 'image/png', size: photo.length }] }),
    );
  });
  afterEach(() => db.close());

  it('keeps a turn\'s attachment refs with the turn', () => {
    const view = createConversationRepository(db).get('recent');
    expect(view?.messages.find((m) => m.id === 'm1')?.attachments).toEqual([{ id: 'a_1', name: 'parcel.jpg', contentType: 'image/png', size: photo.length }]);
  });

  it('types a file by its bytes, whatever it was called', () => {
    files.put({ id: 'a_svg', conversationId: 'recent', name: 'logo.png', data: svgWithScript() }, now);
    files.put({ id: 'a_1', conversationId: 'recent', name: 'parcel.jpg', data: photo }, now);
    expect(files.get('a_svg')?.contentType).toBe('application/octet-stream');
    expect(files.get('a_1')).toMatchObject({ contentType: 'image/png', size: photo.length, name: 'parcel.jpg' });
  });

  it('goes with its conversation when retention purges it, and with Clear local data', () => {
    files.put({ id: 'a_old', conversationId: 'old', name: 'old.png', data: photo }, now);
    files.put({ id: 'a_1', conversationId: 'recent', name: 'parcel.jpg', data: photo }, now);
    expect(purgeExpired(db, new Date('2026-10-01T00:00:00Z'))).toBe(1);
    expect(files.get('a_old')).toBeNull();
    expect(files.get('a_1')).not.toBeNull();
    clearAll(db);
    expect(files.get('a_1')).toBeNull();
  });

  it('is not kept for a conversation the cache does not hold', () => {
    expect(files.put({ id: 'a_x', conversationId: 'never-seen', name: 'x.png', data: photo }, now)).toBe(false);
    expect(files.get('a_x')).toBeNull();
  });
});

describe('the attachment service', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = openCache(':memory:');
    createConversationRepository(db).save(conversationView({ id: 'recent', updatedAt: '2026-11-20T00:00:00Z' }));
  });
  afterEach(() => db.close());

  it('answers from the cache once a file was opened, with the hub gone', async () => {
    let isHubUp = true;
    const downloads: string[] = [];
    const service = createAttachmentService({
      files: createAttachmentFileRepository(db),
      now: () => now,
      hub: () => ({ baseUrl: 'http://127.0.0.1:1', token: 't' }),
      client: {
        download: async (_base, _token, id) => {
          downloads.push(id);
          if (!isHubUp) throw new HubRequestError(0, 'unreachable', 'down');
          return photo;
        },
        upload: async () => {
          throw new Error('not used');
        },
      },
    });
    const first = await service.read('recent', { id: 'a_1', name: 'parcel.jpg' });
    isHubUp = false;
    const again = await service.read('recent', { id: 'a_1', name: 'parcel.jpg' });
    expect(again).toEqual(first);
    expect(Buffer.from(again.data, 'base64').equals(photo)).toBe(true);
    expect(again.contentType).toBe('image/png');
    expect(downloads).toEqual(['a_1']);
    await expect(service.read('recent', { id: 'a_2', name: 'label.pdf' })).rejects.toMatchObject({
      code: 'offline',
      message: 'label.pdf was not opened while online, so it is not on this computer yet.',
    });
  });
});
