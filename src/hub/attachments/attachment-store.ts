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

/** Files and their bytes in the hub's store; the caller decides type and name before `insert`. */
export function createAttachmentStore(db: HubDatabase) {
  const statements = {
    insert: db.prepare(
      `INSERT INTO attachments (id, conversation_id, integration_id, uploaded_by, name, content_type, size, sha256, data, created_at)
       VALUES (@id, @conversationId, @integrationId, @uploadedBy, @name, @contentType, @size, @sha256, @data, @createdAt)`,
    ),
    meta: db.prepare<[string], FileRow>(
      'SELECT id, conversation_id, uploaded_by, name, content_type, size, created_at FROM attachments WHERE id = ?',
    ),
    data: db.prepare<[string], { data: Buffer }>('SELECT data FROM attachments WHERE id = ?'),
    link: db.prepare<[string, string]>('UPDATE attachments SET conversation_id = ? WHERE id = ? AND conversation_id IS NULL'),
    remove: db.prepare<[string]>('DELETE FROM attachments WHERE id = ? AND conversation_id IS NULL'),
    sweep: db.prepare<[string]>('DELETE FROM attachments WHERE conversation_id IS NULL AND created_at < ?'),
    key: db.prepare<[string], { secret: Buffer }>('SELECT secret FROM hub_keys WHERE name = ?'),
    addKey: db.prepare<[string, Buffer]>('INSERT OR IGNORE INTO hub_keys (name, secret) VALUES (?, ?)'),
  };

  return {
    insert(file: NewFile): StoredFile {
      const id = `a_${randomUUID()}`;
      statements.insert.run({
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
    meta(id: string): StoredFile | null {
      const row = statements.meta.get(id);
      return row ? toFile(row) : null;
    },
    data(id: string): Buffer | null {
      return statements.data.get(id)?.data ?? null;
    },
    /** Gives a handoff's fetched files to the conversation the handoff became. */
    link(ids: readonly string[], conversationId: string): void {
      db.transaction(() => ids.forEach((id) => statements.link.run(conversationId, id)))();
    },
    /** Drops fetched files no conversation took (a repeated handoff). */
    discard(ids: readonly string[]): void {
      db.transaction(() => ids.forEach((id) => statements.remove.run(id)))();
    },
    /** Files fetched for a handoff that was never stored (the hub stopped in between). */
    sweepUnlinked(before: Date): number {
      return statements.sweep.run(before.toISOString()).changes;
    },
    /** A named secret of this hub, made on first use; every replica reads the same one. */
    secret(name: string): Buffer {
      const found = statements.key.get(name);
      if (found) return found.secret;
      statements.addKey.run(name, randomBytes(32));
      return statements.key.get(name)!.secret;
    },
  };
}

export type AttachmentStore = ReturnType<typeof createAttachmentStore>;
