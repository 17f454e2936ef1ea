import type { Flag } from '../../shared/conversation';
import type { HubDatabase } from './database';
import { columnsOf } from './sql/columns';
import { jsonText } from './sql/dialect';
import type { SqlDialect } from './sql/sql';

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

const INSERT = 'INSERT INTO flags (id, conversation_id, raised_by, message, at, answer) VALUES (@id, @conversationId, @raisedBy, @message, @at, NULL)';
const FLAG = columnsOf<FlagRow>()(['id', 'conversation_id', 'raised_by', 'message', 'at', 'answer']);
const BY_ID = `SELECT ${FLAG} FROM flags WHERE id = ?`;
const OF_CONVERSATION = `SELECT ${FLAG} FROM flags WHERE conversation_id = ? ORDER BY at, id`;
const ANSWER = 'UPDATE flags SET answer = ? WHERE id = ? AND answer IS NULL';
const openByAgentText = (dialect: SqlDialect) => {
  const agent = jsonText(dialect, 'raised_by', ['id']);
  // Pins SQLite to the partial index of open flags, so the count never reads answered ones.
  const hint = dialect === 'sqlite' ? ' INDEXED BY flags_open' : '';
  return `SELECT ${agent} AS agent, count(*) AS open FROM flags${hint} WHERE answer IS NULL GROUP BY ${agent}`;
};

/** Agents' requests for help, and supervisors' answers to them. */
export function createFlagRepository(db: HubDatabase) {
  const openByAgent = openByAgentText(db.dialect);
  return {
    async insert(flag: Flag): Promise<void> {
      await db.run(INSERT, { id: flag.id, conversationId: flag.conversationId, raisedBy: JSON.stringify(flag.raisedBy), message: flag.message, at: flag.at });
    },
    async get(id: string): Promise<Flag | null> {
      const row = await db.get<FlagRow>(BY_ID, [id]);
      return row ? toFlag(row) : null;
    },
    async ofConversation(conversationId: string): Promise<Flag[]> {
      return (await db.all<FlagRow>(OF_CONVERSATION, [conversationId])).map(toFlag);
    },
    /** False when the flag was already answered: the first answer stands. */
    async answer(id: string, answer: NonNullable<Flag['answer']>): Promise<boolean> {
      return (await db.run(ANSWER, [JSON.stringify(answer), id])).changes === 1;
    },
    /** Unanswered flags per agent who raised them. */
    async openByAgent(): Promise<Map<string, number>> {
      return new Map((await db.all<{ agent: string; open: number }>(openByAgent)).map((row) => [row.agent, row.open]));
    },
  };
}

export type FlagRepository = ReturnType<typeof createFlagRepository>;
