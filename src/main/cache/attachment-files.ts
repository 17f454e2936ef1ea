import type Database from 'better-sqlite3';
import { sniffContentType } from '../../shared/sniff';

export interface CachedFile {
  id: string;
  conversationId: string;
  name: string;
  /** Read from the bytes when stored; never what a server said. */
  contentType: string;
  size: number;
  data: Buffer;
}

interface FileRow {
  id: string;
  conversation_id: string;
  name: string;
  content_type: string;
  size: number;
  data: Buffer;
}

/** The bytes of files the user has seen, for offline review; they go with their conversation. */
export function createAttachmentFileRepository(db: Database.Database) {
  const insert = db.prepare(`
    INSERT INTO attachment_files (id, conversation_id, name, content_type, size, data, stored_ms)
    SELECT @id, @conversationId, @name, @contentType, @size, @data, @storedMs
    WHERE EXISTS (SELECT 1 FROM conversations WHERE id = @conversationId)
    ON CONFLICT (id) DO NOTHING
  `);
  const select = db.prepare<[string], FileRow>('SELECT id, conversation_id, name, content_type, size, data FROM attachment_files WHERE id = ?');
  const ofConversation = db.prepare<[string], string>('SELECT id FROM attachment_files WHERE conversation_id = ?').pluck();

  return {
    /** Keeps a file under its conversation; false when that conversation is not cached. */
    put(file: { id: string; conversationId: string; name: string; data: Buffer }, now: Date): boolean {
      const result = insert.run({
        id: file.id,
        conversationId: file.conversationId,
        name: file.name,
        contentType: sniffContentType(file.data),
        size: file.data.length,
        data: file.data,
        storedMs: now.getTime(),
      });
      return result.changes > 0 || select.get(file.id) !== undefined;
    },
    get(id: string): CachedFile | null {
      const row = select.get(id);
      return row
        ? { id: row.id, conversationId: row.conversation_id, name: row.name, contentType: row.content_type, size: row.size, data: row.data }
        : null;
    },
    idsOf(conversationId: string): string[] {
      return ofConversation.all(conversationId);
    },
  };
}

export type AttachmentFileRepository = ReturnType<typeof createAttachmentFileRepository>;
