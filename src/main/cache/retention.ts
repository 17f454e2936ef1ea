import type Database from 'better-sqlite3';

/**
 * Removes conversations last updated before `olderThan`, with their turns (ON DELETE CASCADE) and
 * their search entries (the turns' delete trigger). A conversation that still has undelivered
 * outbox messages is kept: retention never throws away what the agent wrote. Returns how many
 * conversations went.
 */
export function purgeExpired(db: Database.Database, olderThan: Date): number {
  const cutoff = olderThan.getTime();
  if (!Number.isFinite(cutoff)) throw new RangeError('purgeExpired needs a valid date');
  const result = db
    .prepare(
      `DELETE FROM conversations
       WHERE updated_ms < ? AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.conversation_id = conversations.id)`,
    )
    .run(cutoff);
  return result.changes;
}

/**
 * "Clear local data": every conversation, turn, search entry, outbox message, the profile and the
 * sync cursor. Then the file is rewritten (VACUUM) and the WAL emptied, so deleted text does not
 * linger in free pages or in the -wal file. Must run outside any transaction.
 */
export function clearAll(db: Database.Database): void {
  if (db.inTransaction) throw new Error('clearAll must run outside a transaction: it rewrites the cache file');
  db.transaction(() => {
    withoutTurnTriggers(db, () => {
      // With no trigger left on `turns`, SQLite empties it without visiting each row; the index is
      // emptied in one command. Row by row through the delete trigger took ~8 s per 270 k turns.
      db.exec(`
        DELETE FROM turns;
        INSERT INTO turns_fts (turns_fts) VALUES ('delete-all');
      `);
    });
    db.exec(`
      DELETE FROM outbox;
      DELETE FROM message_delivery;
      DELETE FROM conversations;
      DELETE FROM profile;
      UPDATE sync_state SET last_seq = 0;
    `);
  })();
  if (!db.memory) {
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
}

/**
 * Runs `fn` with the triggers on `turns` dropped, then recreates them from the schema's own SQL,
 * so this keeps working whatever later migrations make of them. Call inside a transaction: no
 * other connection ever sees the table without its triggers.
 */
function withoutTurnTriggers(db: Database.Database, fn: () => void): void {
  const triggers = db
    .prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'turns'")
    .all();
  for (const trigger of triggers) db.exec(`DROP TRIGGER "${trigger.name.replaceAll('"', '""')}"`);
  fn();
  for (const trigger of triggers) db.exec(trigger.sql);
}
