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

const toSession = (row: Row, transcript: Turn[]): ChatSession => {
  // `handoffs` was added later: a chat stored before it has had one handoff if it has a conversation.
  const stored = JSON.parse(row.bot_state) as { bot: BotState; handoffs?: number };
  return {
    id: row.id,
    customerName: row.customer_name,
    conversationId: row.conversation_id,
    bot: stored.bot,
    transcript,
    handoffs: stored.handoffs ?? (row.conversation_id ? 1 : 0),
    createdAt: row.created_at,
  };
};

const stateOf = (session: ChatSession): string => JSON.stringify({ bot: session.bot, handoffs: session.handoffs });

export function createChatSessionRepository(db: HubDatabase) {
  const statements = {
    insert: db.prepare(
      'INSERT INTO chat_sessions (id, token_hash, customer_name, conversation_id, bot_state, created_at) VALUES (?, ?, ?, NULL, ?, ?)',
    ),
    byToken: db.prepare<[string], Row>('SELECT * FROM chat_sessions WHERE token_hash = ?'),
    byId: db.prepare<[string], Row>('SELECT * FROM chat_sessions WHERE id = ?'),
    save: db.prepare('UPDATE chat_sessions SET conversation_id = ?, bot_state = ? WHERE id = ?'),
    turns: db.prepare<[string], { turn: string }>('SELECT turn FROM chat_turns WHERE session_id = ? ORDER BY position'),
    addTurn: db.prepare('INSERT INTO chat_turns (session_id, position, turn) VALUES (?, ?, ?)'),
    markLeft: db.prepare('UPDATE chat_sessions SET left_at = ? WHERE id = ?'),
    clearLeft: db.prepare('UPDATE chat_sessions SET left_at = NULL WHERE id = ? AND left_at IS NOT NULL'),
    left: db.prepare<[], { id: string; left_at: string }>(
      'SELECT id, left_at FROM chat_sessions INDEXED BY chat_sessions_left WHERE left_at IS NOT NULL',
    ),
  };
  // How many of a loaded session's turns are rows already: save appends only the ones after.
  const storedTurns = new WeakMap<ChatSession, number>();
  const load = (row: Row | undefined): ChatSession | null => {
    if (!row) return null;
    const session = toSession(row, statements.turns.all(row.id).map((stored) => JSON.parse(stored.turn) as Turn));
    storedTurns.set(session, session.transcript.length);
    return session;
  };
  const appendTurns = (session: ChatSession): void => {
    const from = storedTurns.get(session) ?? 0;
    session.transcript.slice(from).forEach((turn, index) => statements.addTurn.run(session.id, from + index, JSON.stringify(turn)));
    storedTurns.set(session, session.transcript.length);
  };

  return {
    create(session: ChatSession, token: string): void {
      db.transaction(() => {
        statements.insert.run(session.id, hashToken(token), session.customerName, stateOf(session), session.createdAt);
        appendTurns(session);
      })();
    },
    byToken: (token: string): ChatSession | null => load(statements.byToken.get(hashToken(token))),
    byId: (id: string): ChatSession | null => load(statements.byId.get(id)),
    /** The customer's socket went away at `at`: the start of their grace, kept across a restart. */
    markLeft: (id: string, at: string): void => void statements.markLeft.run(at, id),
    /** They came back, or their grace was settled. */
    clearLeft: (id: string): void => void statements.clearLeft.run(id),
    /** Chats whose customer left and whose grace is not settled yet. */
    left: (): { id: string; leftAt: string }[] => statements.left.all().map((row) => ({ id: row.id, leftAt: row.left_at })),
    /** The bot's state and the turns added since the session was loaded: one small row update, one row per turn. */
    save(session: ChatSession): void {
      db.transaction(() => {
        statements.save.run(session.conversationId, stateOf(session), session.id);
        appendTurns(session);
      })();
    },
  };
}

export type ChatSessionRepository = ReturnType<typeof createChatSessionRepository>;
