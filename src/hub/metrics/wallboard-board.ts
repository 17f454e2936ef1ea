import type { HubEvent, HubEventBody } from '../../shared/protocol';
import { emptyBoard, isWaiting, type ActiveEntry, type BoardState } from '../../shared/wallboard';
import { applyEvents } from '../../shared/wallboard-fold';
import { wallboardEvent } from '../auth/wallboard-events';
import type { ConversationRepository } from '../store/conversations';
import type { HubDatabase } from '../store/database';
import type { EventLog } from '../store/events';

const DAY_MS = 24 * 3600_000;

interface QueueLevelRow {
  id: string;
  name: string;
  service_level_seconds: number;
  service_level_percent: number;
}

interface EventRow {
  seq: number;
  at: string;
  conversation_id: string;
  body: string;
}

/**
 * The board a wallboard starts from: today's counters folded from today's events with the same
 * fold the page applies live, and the active conversations as the store has them now (they may
 * have started before today). One synchronous read, so `seq` matches what it contains.
 */
export const createWallboardBoards = (db: HubDatabase, context: { events: EventLog; conversations: ConversationRepository }) => ({
  boardOf: (queues: string[], dayStart: number): BoardState => buildBoard(db, context, queues, dayStart),
});

export type WallboardBoards = ReturnType<typeof createWallboardBoards>;

function buildBoard(db: HubDatabase, context: { events: EventLog; conversations: ConversationRepository }, queues: string[], dayStart: number): BoardState {
  const board = emptyBoard(dayStart);
  const seq = context.events.latestSeq();
  if (queues.length === 0) return { ...board, seq };
  const marks = queues.map(() => '?').join(', ');
  // Read before the fold: whether an answer was in time depends on its queue's target.
  const settings = db
    .prepare<unknown[], QueueLevelRow>(`SELECT id, name, service_level_seconds, service_level_percent FROM queues WHERE id IN (${marks})`)
    .all(...queues);
  board.serviceLevels = Object.fromEntries(
    settings.map((row) => [row.id, { targetSeconds: row.service_level_seconds, thresholdPercent: row.service_level_percent }]),
  );
  const rows = db
    .prepare<unknown[], EventRow>(
      `SELECT seq, at, conversation_id, body FROM events WHERE queue IN (${marks}) AND at >= ? AND seq <= ? ORDER BY seq`,
    )
    .iterate(...queues, new Date(dayStart).toISOString(), seq);
  // The days after dayStart are whole days from it: the page picks its own midnight.
  const startOfDay = (ms: number) => dayStart + Math.floor((ms - dayStart) / DAY_MS) * DAY_MS;
  for (const row of rows) {
    const event = wallboardEvent({ ...(JSON.parse(row.body) as HubEventBody), seq: row.seq, at: row.at, conversationId: row.conversation_id } as HubEvent);
    if (event) applyEvents(board, [event], startOfDay);
  }

  const active: Record<string, ActiveEntry> = {};
  for (const queue of queues) {
    for (const record of context.conversations.activeInQueue(queue)) {
      const folded = board.active[record.id];
      const createdAt = Date.parse(record.createdAt);
      const entry: ActiveEntry = {
        id: record.id,
        queue: record.queue,
        state: record.state,
        ownerKind: record.owner.kind,
        reason: record.envelope.reason?.kind ?? 'unknown',
        queuedAt: folded?.queuedAt ?? createdAt,
        waitingSince: folded?.waitingSince ?? createdAt,
        isAnswered: folded?.isAnswered ?? record.state === 'assigned',
      };
      // A conversation that waits again since before today (a transfer) waits since its owner changed.
      if (!folded && isWaiting(entry)) entry.waitingSince = Date.parse(record.owner.since) || createdAt;
      active[record.id] = entry;
    }
  }
  return {
    ...board,
    seq,
    active,
    queueNames: Object.fromEntries(settings.map((row) => [row.id, row.name])),
  };
}
