import type { Flag } from '../../shared/conversation';
import type { HubDatabase } from './database';

interface FlagRow {
  id: string;
  conversation_id: string;
  raised_by: string;
  message: string;
  at: string;
  answer: string | null;
}

const toFlag = (row: FlagRow): Flag => ({
  id: row.id,
  conversationId: row.conversation_id,
  raisedBy: JSON.parse(row.raised_by) as Flag['raisedBy'],
  message: row.message,
  at: row.at,
  answer: row.answer ? (JSON.parse(row.answer) as NonNullable<Flag['answer']>) : null,
});

/** Agents' requests for help, and supervisors' answers to them. */
export function createFlagRepository(db: HubDatabase) {
  const statements = {
    insert: db.prepare(
      'INSERT INTO flags (id, conversation_id, raised_by, message, at, answer) VALUES (@id, @conversationId, @raisedBy, @message, @at, NULL)',
    ),
    byId: db.prepare<[string], FlagRow>('SELECT * FROM flags WHERE id = ?'),
    ofConversation: db.prepare<[string], FlagRow>('SELECT * FROM flags WHERE conversation_id = ? ORDER BY at, id'),
    answer: db.prepare('UPDATE flags SET answer = ? WHERE id = ? AND answer IS NULL'),
    openByAgent: db.prepare<[], { agent: string; open: number }>(
      `SELECT json_extract(raised_by, '$.id') AS agent, count(*) AS open FROM flags INDEXED BY flags_open
       WHERE answer IS NULL GROUP BY agent`,
    ),
  };

  return {
    insert(flag: Flag): void {
      statements.insert.run({ id: flag.id, conversationId: flag.conversationId, raisedBy: JSON.stringify(flag.raisedBy), message: flag.message, at: flag.at });
    },
    get(id: string): Flag | null {
      const row = statements.byId.get(id);
      return row ? toFlag(row) : null;
    },
    ofConversation(conversationId: string): Flag[] {
      return statements.ofConversation.all(conversationId).map(toFlag);
    },
    /** False when the flag was already answered: the first answer stands. */
    answer(id: string, answer: NonNullable<Flag['answer']>): boolean {
      return statements.answer.run(JSON.stringify(answer), id).changes === 1;
    },
    /** Unanswered flags per agent who raised them. */
    openByAgent(): Map<string, number> {
      return new Map(statements.openByAgent.all().map((row) => [row.agent, row.open]));
    },
  };
}

export type FlagRepository = ReturnType<typeof createFlagRepository>;
