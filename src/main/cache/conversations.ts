import type Database from 'better-sqlite3';
import type { ConversationLifecycleFields, ConversationState, ConversationView, Disposition, Flag, Message, MessageDelivery, Offer, Owner } from '../../shared/conversation';
import type { HandoffEnvelope, Sentiment } from '../../shared/envelope';
import type { ConversationListItem } from '../../shared/ipc';
import {
  CHANNEL_TROUBLE_COLUMN,
  LAST_MESSAGE_COLUMN,
  LIST_LIFECYCLE_COLUMNS,
  messageTurnRow,
  sentimentLabelOf,
  toConversationParams,
  toConversationView,
  toListItem,
  transcriptTurnRow,
  type ConversationRow,
  type ListItemRow,
  type StoredTurnRow,
} from './conversation-rows';
import { createMessageDeliveryRepository } from './message-delivery';
import { createMessageWriter } from './message-writer';
import { createTurnWriter, toMillis, type TurnRow } from './turn-writer';

export interface StateChange {
  state: ConversationState;
  owner: Owner;
  offer: Offer | null;
  at: string;
  /** Set with a resolution; left as it was when absent. */
  disposition?: Disposition | null;
}

export interface ListOptions {
  /** At most this many rows (default 500): the first screen must not wait for years of history. */
  limit?: number;
  states?: ConversationState[];
}

const DEFAULT_LIST_LIMIT = 500;

const LIST_COLUMNS = `
  c.id, c.state, c.queue, c.customer_name, c.issue_title, c.reason_kind, c.sentiment_score, c.priority,
  c.channel, c.created_at, c.updated_at, c.unread, c.offer, c.disposition, ${LIST_LIFECYCLE_COLUMNS},
  ${LAST_MESSAGE_COLUMN}, ${CHANNEL_TROUBLE_COLUMN}`;

type ListRow = ListItemRow;

export function createConversationRepository(db: Database.Database) {
  const turns = createTurnWriter(db);
  const messages = createMessageWriter(db);

  // An upsert, never INSERT OR REPLACE: a replace would cascade-delete the turns and the outbox.
  const upsert = db.prepare(`
    INSERT INTO conversations (id, state, queue, customer_name, customer_id, issue_title, reason_kind, sentiment_score,
      priority, channel, created_at, updated_at, updated_ms, owner, offer, envelope, sentiment_label, disposition, lifecycle)
    VALUES (@id, @state, @queue, @customerName, @customerId, @issueTitle, @reasonKind, @sentimentScore,
      @priority, @channel, @createdAt, @updatedAt, @updatedMs, @owner, @offer, @envelope, @sentimentLabel, @disposition, @lifecycle)
    ON CONFLICT (id) DO UPDATE SET
      state = excluded.state, queue = excluded.queue, customer_name = excluded.customer_name,
      customer_id = excluded.customer_id, issue_title = excluded.issue_title, reason_kind = excluded.reason_kind,
      sentiment_score = excluded.sentiment_score, priority = excluded.priority, channel = excluded.channel,
      created_at = excluded.created_at, updated_at = excluded.updated_at, updated_ms = excluded.updated_ms,
      owner = excluded.owner, offer = excluded.offer, envelope = excluded.envelope,
      sentiment_label = excluded.sentiment_label, disposition = excluded.disposition, lifecycle = excluded.lifecycle
  `);
  const updateState = db.prepare<
    [{ id: string; state: string; owner: string; offer: string | null; at: string; atMs: number; hasDisposition: number; disposition: string | null }]
  >(`
    UPDATE conversations
    SET state = @state, owner = @owner, offer = @offer, disposition = iif(@hasDisposition, @disposition, disposition),
        updated_at = iif(updated_ms < @atMs, @at, updated_at), updated_ms = max(updated_ms, @atMs)
    WHERE id = @id
  `);
  const selectOne = db.prepare<[string], ConversationRow>('SELECT * FROM conversations WHERE id = ?');
  const selectTurns = db.prepare<[string], StoredTurnRow>(`
    SELECT turn_id, at, author, author_name, text, is_message, client_message_id, visibility, attachments
    FROM turns WHERE conversation_id = ? ORDER BY seq
  `);
  const selectList = db.prepare<[number], ListRow>(
    `SELECT ${LIST_COLUMNS} FROM conversations c ORDER BY c.updated_ms DESC, c.rowid DESC LIMIT ?`,
  );
  const selectListInStates = db.prepare<[string, number], ListRow>(`
    SELECT ${LIST_COLUMNS} FROM conversations c
    WHERE c.state IN (SELECT value FROM json_each(?))
    ORDER BY c.updated_ms DESC, c.rowid DESC LIMIT ?
  `);
  const addUnread = db.prepare<[number, string]>('UPDATE conversations SET unread = unread + ? WHERE id = ?');
  const selectListItem = db.prepare<[string], ListRow>(`SELECT ${LIST_COLUMNS} FROM conversations c WHERE c.id = ?`);
  const clearUnread = db.prepare<[string]>('UPDATE conversations SET unread = 0 WHERE id = ?');
  const selectLifecycle = db.prepare<[string], string | null>('SELECT lifecycle FROM conversations WHERE id = ?').pluck();
  const updateLifecycle = db.prepare<[string, string]>('UPDATE conversations SET lifecycle = ? WHERE id = ?');
  const updateSentiment = db.prepare<[{ id: string; sentiment: string; score: number; label: string | null }]>(`
    UPDATE conversations SET envelope = json_set(envelope, '$.sentiment', json(@sentiment)), sentiment_score = @score, sentiment_label = @label
    WHERE id = @id
  `);
  const updateCustomer = db.prepare<[{ id: string; customer: string; name: string; customerId: string | null }]>(`
    UPDATE conversations SET envelope = json_set(envelope, '$.customer', json(@customer)), customer_name = @name, customer_id = @customerId
    WHERE id = @id
  `);
  const setLifecycleField = db.prepare<[{ id: string; path: string; value: string | number }]>(
    "UPDATE conversations SET lifecycle = json_set(coalesce(lifecycle, '{}'), @path, @value) WHERE id = @id",
  );
  const countAll = db.prepare<[], number>('SELECT count(*) FROM conversations').pluck();
  const exists = db.prepare<[string], number>('SELECT 1 FROM conversations WHERE id = ?').pluck();
  const deliveries = createMessageDeliveryRepository(db);

  /**
   * Turns are immutable once written, so saving merges: the row is replaced, turns it lacks are
   * added, and none is removed. A view fetched before a `message:added` event but applied after it
   * must not erase that message.
   *
   * The turns of every view are written together in order of time. Their seq (the FTS rowid) then
   * only grows within the transaction, and FTS5 keeps buffering instead of flushing a new segment
   * each time a rowid goes backwards, which interleaved conversations otherwise make it do on
   * nearly every turn (the sort is stable: equal times keep transcript order, then message order).
   */
  const saveMany = db.transaction((views: readonly ConversationView[]): void => {
    const pending: { row: TurnRow; view: number; isCustomerMessage: boolean; atMs: number }[] = [];
    views.forEach((view, index) => {
      upsert.run(toConversationParams(view));
      for (const turn of view.envelope.transcript) {
        pending.push({ row: transcriptTurnRow(view.id, turn), view: index, isCustomerMessage: false, atMs: toMillis(turn.at) });
      }
      for (const message of view.messages) {
        if (message.delivery) deliveries.set(view.id, message.id, message.delivery);
        const row = messageTurnRow({ ...message, conversationId: view.id });
        pending.push({ row, view: index, isCustomerMessage: message.author === 'customer', atMs: toMillis(message.at) });
      }
    });
    pending.sort((a, b) => a.atMs - b.atMs);
    // Customer messages the cache had not seen are unread, whichever way they arrived.
    const unread = new Array<number>(views.length).fill(0);
    for (const turn of pending) {
      if (turns.write(turn.row, turn.atMs) && turn.isCustomerMessage) unread[turn.view]! += 1;
    }
    unread.forEach((count, index) => {
      if (count > 0) addUnread.run(count, views[index]!.id);
    });
  });
  const addMessage = db.transaction((message: Message): boolean => messages.write(message, { countUnread: true }));

  return {
    /** Insert or replace a conversation as the hub serves it, in one transaction; keeps the local unread count. */
    save(view: ConversationView): void {
      saveMany([view]);
    },

    /** Several conversations in one transaction (a resync's chunk): much faster than one `save` each. */
    saveMany(views: readonly ConversationView[]): void {
      saveMany(views);
    },

    /** Applies a `conversation:state-changed` event; false (and nothing written) when the conversation is unknown. */
    applyState(id: string, change: StateChange): boolean {
      const result = updateState.run({
        id,
        state: change.state,
        owner: JSON.stringify(change.owner),
        offer: change.offer === null ? null : JSON.stringify(change.offer),
        at: change.at,
        atMs: toMillis(change.at),
        hasDisposition: change.disposition === undefined ? 0 : 1,
        disposition: change.disposition ?? null,
      });
      return result.changes > 0;
    },

    /**
     * Adds a message that arrived after the handoff. Idempotent by id and by clientMessageId.
     * False when it was already stored, or when the conversation is unknown (check with `has` and
     * fetch the conversation first).
     */
    addMessage(message: Message): boolean {
      return addMessage(message);
    },

    /** The customer's sentiment as the hub re-derived it from their latest message. */
    setSentiment(id: string, sentiment: Sentiment): void {
      updateSentiment.run({ id, sentiment: JSON.stringify(sentiment), score: sentiment.score, label: sentimentLabelOf({ sentiment }) });
    },

    /** The customer the platform named after the handoff: the card, the list row and search follow. */
    setCustomer(id: string, customer: HandoffEnvelope['customer']): void {
      updateCustomer.run({ id, customer: JSON.stringify(customer), name: customer.name, customerId: customer.id ?? null });
    },

    /** A flag raised or answered: kept with the conversation, so its list row counts the open ones. */
    saveFlag(flag: Flag): void {
      const stored = selectLifecycle.get(flag.conversationId);
      if (stored === undefined) return;
      const lifecycle = stored === null ? {} : (JSON.parse(stored) as ConversationLifecycleFields);
      const flags = [...(lifecycle.flags ?? []).filter((known) => known.id !== flag.id), flag];
      updateLifecycle.run(JSON.stringify({ ...lifecycle, flags }), flag.conversationId);
    },

    /** What arrives after the close: the resolve note, the customer's rating. Unknown conversations are skipped. */
    setOutcome(id: string, outcome: { resolveNote?: string; rating?: number }): void {
      if (outcome.resolveNote !== undefined) setLifecycleField.run({ id, path: '$.resolveNote', value: outcome.resolveNote });
      if (outcome.rating !== undefined) setLifecycleField.run({ id, path: '$.rating', value: outcome.rating });
    },

    /** An outgoing message moved on in the customer's channel. */
    setDelivery(conversationId: string, messageId: string, delivery: MessageDelivery): void {
      deliveries.set(conversationId, messageId, delivery);
    },

    has(id: string): boolean {
      return exists.get(id) !== undefined;
    },

    /** The conversation with its transcript and messages, each in order of time then insertion. */
    get(id: string): ConversationView | null {
      const row = selectOne.get(id);
      if (!row) return null;
      const view = toConversationView(row, selectTurns.all(id));
      return { ...view, messages: deliveries.withDelivery(id, view.messages) };
    },

    /** Newest `updatedAt` first. */
    list(options: ListOptions = {}): ConversationListItem[] {
      const limit = Math.max(0, Math.trunc(options.limit ?? DEFAULT_LIST_LIMIT));
      const rows = options.states
        ? selectListInStates.all(JSON.stringify(options.states), limit)
        : selectList.all(limit);
      return rows.map(toListItem);
    },

    /** One row of the list, e.g. for a `conversation:changed` event, without reading the whole list. */
    item(id: string): ConversationListItem | null {
      const row = selectListItem.get(id);
      return row ? toListItem(row) : null;
    },

    markRead(id: string): void {
      clearUnread.run(id);
    },

    count(): number {
      return countAll.get() ?? 0;
    },
  };
}

export type ConversationRepository = ReturnType<typeof createConversationRepository>;
