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

const INSERT = 'INSERT INTO chat_sessions (id, token_hash, customer_name, conversation_id, bot_state, created_at) VALUES (?, ?, ?, NULL, ?, ?)';
const BY_TOKEN = 'SELECT * FROM chat_sessions WHERE token_hash = ?';
const BY_ID = 'SELECT * FROM chat_sessions WHERE id = ?';
const SAVE = 'UPDATE chat_sessions SET conversation_id = ?, bot_state = ? WHERE id = ?';
const TURNS = 'SELECT turn FROM chat_turns WHERE session_id = ? ORDER BY position';
const ADD_TURN = 'INSERT INTO chat_turns (session_id, position, turn) VALUES (?, ?, ?)';
const MARK_LEFT = 'UPDATE chat_sessions SET left_at = ? WHERE id = ?';
const CLEAR_LEFT = 'UPDATE chat_sessions SET left_at = NULL WHERE id = ? AND left_at IS NOT NULL';
const CLAIM_LEFT = 'UPDATE chat_sessions SET left_at = NULL WHERE id = ? AND left_at = ?';
// The partial index chat_sessions_left (migration 009) serves this on both stores.
const LEFT = 'SELECT id, left_at FROM chat_sessions WHERE left_at IS NOT NULL';

export function createChatSessionRepository(db: HubDatabase) {
  // How many of a loaded session's turns are rows already: save appends only the ones after.
  const storedTurns = new WeakMap<ChatSession, number>();
  const load = async (row: Row | undefined): Promise<ChatSession | null> => {
    if (!row) return null;
    const turns = await db.all<{ turn: string }>(TURNS, [row.id]);
    const session = toSession(row, turns.map((stored) => JSON.parse(stored.turn) as Turn));
    storedTurns.set(session, session.transcript.length);
    return session;
  };
  /** Runs inside the caller's write: the turns land with the session row they belong to. */
  const appendTurns = async (session: ChatSession): Promise<void> => {
    const from = storedTurns.get(session) ?? 0;
    for (const [index, turn] of session.transcript.slice(from).entries()) await db.run(ADD_TURN, [session.id, from + index, JSON.stringify(turn)]);
    storedTurns.set(session, session.transcript.length);
  };

  return {
    create(session: ChatSession, token: string): Promise<void> {
      return db.write(async () => {
        await db.run(INSERT, [session.id, hashToken(token), session.customerName, stateOf(session), session.createdAt]);
        await appendTurns(session);
      });
    },
    byToken: async (token: string): Promise<ChatSession | null> => load(await db.get<Row>(BY_TOKEN, [hashToken(token)])),
    byId: async (id: string): Promise<ChatSession | null> => load(await db.get<Row>(BY_ID, [id])),
    /** The customer's socket went away at `at`: the start of their grace, kept across a restart. */
    markLeft: async (id: string, at: string): Promise<void> => void (await db.run(MARK_LEFT, [at, id])),
    /** They came back. */
    clearLeft: async (id: string): Promise<void> => void (await db.run(CLEAR_LEFT, [id])),
    /**
     * The grace that began at `leftAt` is over and this caller settles it: false when the customer
     * came back (or left again later) or another replica settled it first.
     */
    claimLeft: async (id: string, leftAt: string): Promise<boolean> => (await db.run(CLAIM_LEFT, [id, leftAt])).changes > 0,
    /** Chats whose customer left and whose grace is not settled yet. */
    left: async (): Promise<{ id: string; leftAt: string }[]> =>
      (await db.all<{ id: string; left_at: string }>(LEFT)).map((row) => ({ id: row.id, leftAt: row.left_at })),
    /** The bot's state and the turns added since the session was loaded: one small row update, one row per turn. */
    save(session: ChatSession): Promise<void> {
      return db.write(async () => {
        await db.run(SAVE, [session.conversationId, stateOf(session), session.id]);
        await appendTurns(session);
      });
    },
  };
}

export type ChatSessionRepository = ReturnType<typeof createChatSessionRepository>;
