import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Attachment } from '../../shared/envelope';
import type { HubDatabase } from '../store/database';

/** What the hub knows of a kept file, without its bytes. */
export interface StoredFile {
  id: string;
  conversationId: string | null;
  uploadedBy: string | null;
  name: string;
  contentType: string;
  size: number;
  createdAt: string;
}

export interface NewFile {
  conversationId: string | null;
  integrationId?: string | null;
  uploadedBy?: string | null;
  name: string;
  contentType: string;
  data: Buffer;
  createdAt: string;
}

interface FileRow {
  id: string;
  conversation_id: string | null;
  uploaded_by: string | null;
  name: string;
  content_type: string;
  size: number;
  created_at: string;
}

const toFile = (row: FileRow): StoredFile => ({
  id: row.id,
  conversationId: row.conversation_id,
  uploadedBy: row.uploaded_by,
  name: row.name,
  contentType: row.content_type,
  size: row.size,
  createdAt: row.created_at,
});

/** The reference a turn or message carries to a kept file. */
export const refOf = (file: Pick<StoredFile, 'id' | 'name' | 'contentType' | 'size'>): Attachment => ({
  id: file.id,
  name: file.name,
  contentType: file.contentType,
  size: file.size,
});

const INSERT = `INSERT INTO attachments (id, conversation_id, integration_id, uploaded_by, name, content_type, size, sha256, data, created_at)
  VALUES (@id, @conversationId, @integrationId, @uploadedBy, @name, @contentType, @size, @sha256, @data, @createdAt)`;
const META = 'SELECT id, conversation_id, uploaded_by, name, content_type, size, created_at FROM attachments WHERE id = ?';
const DATA = 'SELECT data FROM attachments WHERE id = ?';
const LINK = 'UPDATE attachments SET conversation_id = ? WHERE id = ? AND conversation_id IS NULL';
const REMOVE = 'DELETE FROM attachments WHERE id = ? AND conversation_id IS NULL';
const SWEEP = 'DELETE FROM attachments WHERE conversation_id IS NULL AND created_at < ?';
const KEY = 'SELECT secret FROM hub_keys WHERE name = ?';
const ADD_KEY = 'INSERT INTO hub_keys (name, secret) VALUES (?, ?) ON CONFLICT DO NOTHING';

/** Files and their bytes in the hub's store; the caller decides type and name before `insert`. */
export function createAttachmentStore(db: HubDatabase) {
  const key = async (name: string): Promise<Buffer | null> => (await db.get<{ secret: Buffer }>(KEY, [name]))?.secret ?? null;
  return {
    async insert(file: NewFile): Promise<StoredFile> {
      const id = `a_${randomUUID()}`;
      await db.run(INSERT, {
        id,
        conversationId: file.conversationId,
        integrationId: file.integrationId ?? null,
        uploadedBy: file.uploadedBy ?? null,
        name: file.name,
        contentType: file.contentType,
        size: file.data.length,
        sha256: createHash('sha256').update(file.data).digest('hex'),
        data: file.data,
        createdAt: file.createdAt,
      });
      const { data, integrationId: _integration, ...rest } = file;
      return { ...rest, id, uploadedBy: file.uploadedBy ?? null, size: data.length };
    },
    async meta(id: string): Promise<StoredFile | null> {
      const row = await db.get<FileRow>(META, [id]);
      return row ? toFile(row) : null;
    },
    async data(id: string): Promise<Buffer | null> {
      return (await db.get<{ data: Buffer }>(DATA, [id]))?.data ?? null;
    },
    /** Gives a handoff's fetched files to the conversation the handoff became. */
    async link(ids: readonly string[], conversationId: string): Promise<void> {
      await db.write(async () => {
        for (const id of ids) await db.run(LINK, [conversationId, id]);
      });
    },
    /** Drops fetched files no conversation took (a repeated handoff). */
    async discard(ids: readonly string[]): Promise<void> {
      await db.write(async () => {
        for (const id of ids) await db.run(REMOVE, [id]);
      });
    },
    /** Files fetched for a handoff that was never stored (the hub stopped in between). */
    async sweepUnlinked(before: Date): Promise<number> {
      return (await db.run(SWEEP, [before.toISOString()])).changes;
    },
    /** A named secret of this hub, made on first use; every replica reads the same one (the first made wins). */
    async secret(name: string): Promise<Buffer> {
      const found = await key(name);
      if (found) return found;
      await db.run(ADD_KEY, [name, randomBytes(32)]);
      return (await key(name)) as Buffer;
    },
  };
}

export type AttachmentStore = ReturnType<typeof createAttachmentStore>;
