import { isClosed, type ConversationView } from './conversation';
import type { HubEvent } from './protocol';
import { isWithinTarget, targetOf } from './service-level';
import {
  acceptBucket,
  emptyBoard,
  emptyCounters,
  isWaiting,
  type ActiveEntry,
  type BoardState,
  type Counters,
} from './wallboard';

const DAY_MS = 24 * 3600_000;

/**
 * Applies hub events to a board in place. In place on purpose: a wall screen folds 50 events a
 * second into thousands of active conversations for days, and copying the map per event would be
 * the only thing growing. Callers that render bump their own version after a batch.
 */
export function applyEvents(board: BoardState, events: readonly HubEvent[], startOfDay: (ms: number) => number): void {
  for (const event of events) {
    if (event.seq <= board.seq) continue;
    applyEvent(board, event, startOfDay);
    board.seq = event.seq;
  }
}

/** Starts a new day's counters when `ms` is past the current day; active conversations stay. */
export function rollDay(board: BoardState, ms: number, startOfDay: (ms: number) => number): void {
  if (ms < board.dayStart + DAY_MS) return;
  const fresh = emptyBoard(startOfDay(ms));
  board.dayStart = fresh.dayStart;
  board.today = fresh.today;
  board.todayByQueue = fresh.todayByQueue;
  board.reasons = fresh.reasons;
  board.acceptHistogram = fresh.acceptHistogram;
}

function countersOf(board: BoardState, queue: string): Counters {
  return (board.todayByQueue[queue] ??= emptyCounters());
}

function entryFrom(conversation: ConversationView, at: number): ActiveEntry {
  const queuedAt = Date.parse(conversation.createdAt);
  return {
    id: conversation.id,
    queue: conversation.queue,
    state: conversation.state,
    ownerKind: conversation.owner.kind,
    reason: conversation.envelope.reason?.kind ?? 'unknown',
    waitingSince: Number.isFinite(queuedAt) ? queuedAt : at,
    queuedAt: Number.isFinite(queuedAt) ? queuedAt : at,
    isAnswered: conversation.state === 'assigned',
  };
}

function applyEvent(board: BoardState, event: HubEvent, startOfDay: (ms: number) => number): void {
  const at = Date.parse(event.at);
  rollDay(board, at, startOfDay);
  const isToday = at >= board.dayStart;
  const existing = board.active[event.conversationId];
  switch (event.type) {
    case 'conversation:queued': {
      if (existing) return void update(existing, event.conversation.state, event.conversation.owner.kind, at);
      const entry = entryFrom(event.conversation, at);
      board.active[entry.id] = entry;
      if (!isToday) return;
      board.today.handoffs += 1;
      countersOf(board, entry.queue).handoffs += 1;
      board.reasons[entry.reason] += 1;
      return;
    }
    case 'conversation:offered':
    case 'conversation:transferred': {
      const entry = existing ?? (board.active[event.conversationId] = entryFrom(event.conversation, at));
      entry.queue = event.conversation.queue;
      return void update(entry, event.conversation.state, event.conversation.owner.kind, at);
    }
    case 'conversation:assigned': {
      const entry = existing ?? (board.active[event.conversationId] = { ...entryFrom(event.conversation, at), isAnswered: false });
      if (!entry.isAnswered && isToday) answered(board, entry, at - entry.queuedAt);
      entry.isAnswered = true;
      return void update(entry, 'assigned', event.conversation.owner.kind, at);
    }
    case 'conversation:state-changed':
      if (!existing) return;
      if (isClosed(event.state)) return void delete board.active[event.conversationId];
      return void update(existing, event.state, event.owner.kind, at);
    case 'conversation:abandoned':
      if (isToday) {
        board.today.abandoned += 1;
        countersOf(board, existing?.queue ?? event.owner.id).abandoned += 1;
      }
      return void delete board.active[event.conversationId];
    case 'conversation:resolved':
      return void delete board.active[event.conversationId];
    default:
      return;
  }
}

function answered(board: BoardState, entry: ActiveEntry, waitedMs: number): void {
  const withinTarget = isWithinTarget(waitedMs, targetOf(board.serviceLevels, entry.queue)) ? 1 : 0;
  for (const counters of [board.today, countersOf(board, entry.queue)]) {
    counters.answered += 1;
    counters.answeredWithinTarget += withinTarget;
  }
  board.acceptHistogram[acceptBucket(waitedMs)]! += 1;
}

function update(entry: ActiveEntry, state: ActiveEntry['state'], ownerKind: ActiveEntry['ownerKind'], at: number): void {
  const wasWaiting = isWaiting(entry);
  entry.state = state;
  entry.ownerKind = ownerKind;
  if (!wasWaiting && isWaiting(entry)) entry.waitingSince = at;
}
