import type { Turn } from '../../shared/envelope';
import { hashToken } from '../auth/tokens';
import type { HubDatabase } from '../store/database';
import type { BotState } from './demo-bot';

export interface ChatSession {
  id: string;
  customerName: string;
  conversationId: string | null;
  bot: BotState;
  /** The turns with the bot, before any handoff; they become the envelope's transcript. */
  transcript: Turn[];
  /** Handoffs opened from this chat so far: a customer writing after resolution opens another. */
  handoffs: number;
  createdAt: string;
}

interface Row {
  id: string;
  customer_name: string;
  conversation_id: string | null;
  bot_state: string;
  created_at: string;
}

const toSession = (row: Row): ChatSession => {
  // `handoffs` was added later: a chat stored before it has had one handoff if it has a conversation.
  const stored = JSON.parse(row.bot_state) as { bot: BotState; transcript: Turn[]; handoffs?: number };
  return {
    id: row.id,
    customerName: row.customer_name,
    conversationId: row.conversation_id,
    bot: stored.bot,
    transcript: stored.transcript,
    handoffs: stored.handoffs ?? (row.conversation_id ? 1 : 0),
    createdAt: row.created_at,
  };
};

export function createChatSessionRepository(db: HubDatabase) {
  const statements = {
    insert: db.prepare(
      'INSERT INTO chat_sessions (id, token_hash, customer_name, conversation_id, bot_state, created_at) VALUES (?, ?, ?, NULL, ?, ?)',
    ),
    byToken: db.prepare<[string], Row>('SELECT * FROM chat_sessions WHERE token_hash = ?'),
    byId: db.prepare<[string], Row>('SELECT * FROM chat_sessions WHERE id = ?'),
    save: db.prepare('UPDATE chat_sessions SET conversation_id = ?, bot_state = ? WHERE id = ?'),
    markLeft: db.prepare('UPDATE chat_sessions SET left_at = ? WHERE id = ?'),
    clearLeft: db.prepare('UPDATE chat_sessions SET left_at = NULL WHERE id = ? AND left_at IS NOT NULL'),
    left: db.prepare<[], { id: string; left_at: string }>(
      'SELECT id, left_at FROM chat_sessions INDEXED BY chat_sessions_left WHERE left_at IS NOT NULL',
    ),
  };
  return {
    create(session: ChatSession, token: string): void {
      statements.insert.run(
        session.id,
        hashToken(token),
        session.customerName,
        JSON.stringify({ bot: session.bot, transcript: session.transcript, handoffs: session.handoffs }),
        session.createdAt,
      );
    },
    byToken(token: string): ChatSession | null {
      const row = statements.byToken.get(hashToken(token));
      return row ? toSession(row) : null;
    },
    byId(id: string): ChatSession | null {
      const row = statements.byId.get(id);
      return row ? toSession(row) : null;
    },
    /** The customer's socket went away at `at`: the start of their grace, kept across a restart. */
    markLeft: (id: string, at: string): void => void statements.markLeft.run(at, id),
    /** They came back, or their grace was settled. */
    clearLeft: (id: string): void => void statements.clearLeft.run(id),
    /** Chats whose customer left and whose grace is not settled yet. */
    left: (): { id: string; leftAt: string }[] => statements.left.all().map((row) => ({ id: row.id, leftAt: row.left_at })),
    save(session: ChatSession): void {
      statements.save.run(session.conversationId, JSON.stringify({ bot: session.bot, transcript: session.transcript, handoffs: session.handoffs }), session.id);
    },
  };
}

export type ChatSessionRepository = ReturnType<typeof createChatSessionRepository>;
