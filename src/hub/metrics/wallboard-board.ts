import type { HubEvent, HubEventBody } from '../../shared/protocol';
import { emptyBoard, isWaiting, type ActiveEntry, type BoardState } from '../../shared/wallboard';
import { applyEvents } from '../../shared/wallboard-fold';
import { wallboardEvent } from '../auth/wallboard-events';
import type { ConversationRecord, ConversationRepository } from '../store/conversations';
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
 * have started before today). `seq` and the active conversations are read in one write, so no
 * change lands between them: the page's live fold then neither misses a change nor counts one twice.
 */
export const createWallboardBoards = (db: HubDatabase, context: { events: EventLog; conversations: ConversationRepository }) => ({
  boardOf: (queues: string[], dayStart: number): Promise<BoardState> => buildBoard(db, context, queues, dayStart),
});

export type WallboardBoards = ReturnType<typeof createWallboardBoards>;

async function buildBoard(
  db: HubDatabase,
  context: { events: EventLog; conversations: ConversationRepository },
  queues: string[],
  dayStart: number,
): Promise<BoardState> {
  const board = emptyBoard(dayStart);
  const { seq, records } = await db.write(async () => {
    const latest = await context.events.latestSeq();
    const active: ConversationRecord[] = [];
    for (const queue of queues) active.push(...(await context.conversations.activeInQueue(queue)));
    return { seq: latest, records: active };
  });
  if (queues.length === 0) return { ...board, seq };
  const marks = queues.map(() => '?').join(', ');
  // Read before the fold: whether an answer was in time depends on its queue's target.
  const settings = await db.all<QueueLevelRow>(`SELECT id, name, service_level_seconds, service_level_percent FROM queues WHERE id IN (${marks})`, queues);
  board.serviceLevels = Object.fromEntries(
    settings.map((row) => [row.id, { targetSeconds: row.service_level_seconds, thresholdPercent: row.service_level_percent }]),
  );
  // Every event up to seq committed before seq was read: the log at or below it is settled.
  const rows = await db.all<EventRow>(
    `SELECT seq, at, conversation_id, body FROM events WHERE queue IN (${marks}) AND at >= ? AND seq <= ? ORDER BY seq`,
    [...queues, new Date(dayStart).toISOString(), seq],
  );
  // The days after dayStart are whole days from it: the page picks its own midnight.
  const startOfDay = (ms: number) => dayStart + Math.floor((ms - dayStart) / DAY_MS) * DAY_MS;
  for (const row of rows) {
    const event = wallboardEvent({ ...(JSON.parse(row.body) as HubEventBody), seq: row.seq, at: row.at, conversationId: row.conversation_id } as HubEvent);
    if (event) applyEvents(board, [event], startOfDay);
  }

  const active: Record<string, ActiveEntry> = {};
  for (const record of records) {
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
  return {
    ...board,
    seq,
    active,
    queueNames: Object.fromEntries(settings.map((row) => [row.id, row.name])),
  };
}
