import type { Migration } from './index';

/**
 * The demo web chat's turns with the bot, one row each: a bot turn appends a row instead of
 * rewriting the session's whole transcript (which grew with every message). Turns stored inside
 * bot_state before this move to rows, and bot_state keeps only the bot's state and handoff count.
 */
export const chatTurns: Migration = {
  version: 14,
  up(db) {
    db.exec(`
      CREATE TABLE chat_turns (
        session_id TEXT NOT NULL REFERENCES chat_sessions(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        turn TEXT NOT NULL,
        PRIMARY KEY (session_id, position)
      ) STRICT, WITHOUT ROWID;
    `);
    const sessions = db.prepare<[], { id: string; bot_state: string }>('SELECT id, bot_state FROM chat_sessions').all();
    const insert = db.prepare('INSERT INTO chat_turns (session_id, position, turn) VALUES (?, ?, ?)');
    const update = db.prepare('UPDATE chat_sessions SET bot_state = ? WHERE id = ?');
    for (const session of sessions) {
      const { transcript = [], ...rest } = JSON.parse(session.bot_state) as { transcript?: unknown[] };
      transcript.forEach((turn, position) => insert.run(session.id, position, JSON.stringify(turn)));
      update.run(JSON.stringify(rest), session.id);
    }
  },
};
