import type { ConversationListItem } from '../../../shared/ipc';
import type { InboxStore } from '../inbox/inbox-store';
import { startOfDay, type QueueStats } from './console-selectors';
import { createQueueTally, type QueueTally } from './queue-tally';
import { createRadarRanking, type RadarRanking } from './radar-ranking';
import type { RadarRow } from './risk';
import type { SupervisorStore } from './supervisor-store';

export interface LiveRoomSnapshot {
  queues: QueueStats[];
  radar: RadarRow[];
}

/** Runs `flush` soon, once; returns a cancel. */
export type Scheduler = (flush: () => void) => () => void;

export interface LiveRoomOptions {
  inbox: InboxStore;
  supervisor: SupervisorStore;
  now?: () => number;
  schedule?: Scheduler;
  /** How often clock-driven risk (waiting minutes) is brought up to date with no event to do it. */
  rescoreEveryMs?: number;
}

/** Longest a burst may be held before it is drawn, when frames are not coming (a hidden window). */
const LATEST_FLUSH_MS = 100;
const DEFAULT_RESCORE_MS = 30_000;

/**
 * Next animation frame, or after LATEST_FLUSH_MS when no frame comes first: a background tab gets
 * no frames, and its figures must still be current when it is shown.
 */
export const nextFrame: Scheduler = (flush) => {
  let isDone = false;
  const run = (): void => {
    if (isDone) return;
    isDone = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    flush();
  };
  const frame = requestAnimationFrame(run);
  const timer = setTimeout(run, LATEST_FLUSH_MS);
  return () => {
    isDone = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
};

const isPrefix = (prefix: readonly string[], list: readonly string[]): boolean =>
  prefix.length <= list.length && prefix.every((id, k) => list[k] === id);

/**
 * The console's live figures (queue rows and the ranked radar) derived from the inbox list and the
 * supervisor store, updated incrementally and at most once per frame. At 50 events a second over
 * thousands of conversations, recomputing every figure for every event was the console's backlog:
 * here an event marks the room dirty, and the next frame feeds only the conversations whose list
 * item changed into the queue tally and the radar ranking, then publishes one snapshot.
 */
export function createLiveRoom(options: LiveRoomOptions) {
  const { inbox, supervisor } = options;
  const now = options.now ?? Date.now;
  const schedule = options.schedule ?? nextFrame;
  const listeners = new Set<() => void>();

  let tally: QueueTally = createQueueTally(startOfDay(now()), supervisor.getState().queueTargets);
  let ranking: RadarRanking = createRadarRanking();
  /** What the tally and ranking were last fed, per conversation, and its position in the list (the ranking's tie-break). */
  let fed = new Map<string, { item: ConversationListItem; answeredAt: string | undefined; order: number }>();
  let fedIds: readonly string[] = [];
  let fedById: Readonly<Record<string, ConversationListItem>> = {};
  let fedRevision = -1;
  let fedAnsweredAt = supervisor.getState().answeredAt;
  let fedAgents = supervisor.getState().agents;
  let snapshot: LiveRoomSnapshot = { queues: [], radar: [] };
  let cancel: (() => void) | null = null;
  /** Conversations events changed since the last flush: with thousands in the room, only these are compared. */
  let hinted = new Set<string>();
  /** A list reload can change any item without an event: the next flush compares them all. */
  let isFullScanDue = false;

  /** Every conversation the list gained since the last flush came with an event, so the events name all that changed. */
  const isExplainedByHints = (ids: readonly string[]): boolean => {
    for (let order = fedIds.length; order < ids.length; order += 1) if (!hinted.has(ids[order] ?? '')) return false;
    return true;
  };

  const feed = (id: string, order: number, item: ConversationListItem | undefined, answeredAt: string | undefined, at: number): void => {
    tally.set(id, item, answeredAt);
    ranking.set(id, item, order, at);
    // The tally, ranking and this index are the room's own incremental indexes, not store state: a copy
    // per event would cost what they exist to save, and only the published snapshot is replaced.
    // eslint-disable-next-line functional/immutable-data -- the room's own index, as above.
    if (item) fed.set(id, { item, answeredAt, order });
    // eslint-disable-next-line functional/immutable-data -- the room's own index, as above.
    else fed.delete(id);
  };

  function rebuild(at: number): void {
    tally = createQueueTally(startOfDay(at), supervisor.getState().queueTargets);
    ranking = createRadarRanking();
    fed = new Map();
    const { ids, byId } = inbox.getState();
    const { answeredAt } = supervisor.getState();
    ids.forEach((id, order) => feed(id, order, byId[id], answeredAt.get(id), at));
  }

  /** Feeds what changed since the last flush; true when any figure may have moved. */
  function catchUp(at: number): boolean {
    const { ids, byId, revision } = inbox.getState();
    const { answeredAt } = supervisor.getState();
    const isTargetsSame = tally.targets === supervisor.getState().queueTargets;
    if (byId === fedById && revision === fedRevision && answeredAt === fedAnsweredAt && ids === fedIds && isTargetsSame) return false;
    const feedIfChanged = (id: string, order: number): void => {
      const item = byId[id];
      const was = fed.get(id);
      const answered = answeredAt.get(id);
      if (was?.item !== item || was?.answeredAt !== answered) feed(id, order, item, answered, at);
    };
    // A reload or a cleared list reorders or drops conversations: start again rather than diff.
    if (startOfDay(at) !== tally.today || tally.targets !== supervisor.getState().queueTargets || !isPrefix(fedIds, ids)) rebuild(at);
    else if (isFullScanDue || !isExplainedByHints(ids)) ids.forEach(feedIfChanged);
    else {
      for (let order = fedIds.length; order < ids.length; order += 1) feedIfChanged(ids[order] ?? '', order);
      for (const id of hinted) {
        const order = fed.get(id)?.order;
        if (order !== undefined) feedIfChanged(id, order);
      }
    }
    hinted = new Set();
    isFullScanDue = false;
    fedIds = ids;
    fedById = byId;
    fedRevision = revision;
    fedAnsweredAt = answeredAt;
    return true;
  }

  function flush(): void {
    cancel = null;
    const at = now();
    const { agents } = supervisor.getState();
    const isRoomChanged = catchUp(at);
    if (!isRoomChanged && agents === fedAgents) return;
    fedAgents = agents;
    snapshot = { queues: tally.figures(agents), radar: isRoomChanged ? ranking.rows() : snapshot.radar };
    listeners.forEach((listener) => listener());
  }

  const markDirty = (): void => {
    cancel ??= schedule(flush);
  };

  const unsubscribeInbox = inbox.subscribe((state, previous) => {
    if (state.byId !== previous.byId && state.isLoading !== previous.isLoading) isFullScanDue = true;
    markDirty();
  });
  const unwatchChanges = supervisor.getState().watchChanges((id) => {
    // eslint-disable-next-line functional/immutable-data -- the room's own pending-work set, read and replaced at the next flush.
    hinted.add(id);
    markDirty();
  });
  const unsubscribeSupervisor = supervisor.subscribe((state, previous) => {
    if (state.agents !== previous.agents || state.answeredAt !== previous.answeredAt || state.queueTargets !== previous.queueTargets) markDirty();
  });
  const rescoreTimer = setInterval(() => {
    const at = now();
    // Past midnight every "today" figure changes at once, even in a quiet room.
    if (startOfDay(at) !== tally.today) rebuild(at);
    else ranking.rescore(at);
    snapshot = { queues: tally.figures(fedAgents), radar: ranking.rows() };
    listeners.forEach((listener) => listener());
  }, options.rescoreEveryMs ?? DEFAULT_RESCORE_MS);
  rebuild(now());
  fedIds = inbox.getState().ids;
  fedById = inbox.getState().byId;
  fedRevision = inbox.getState().revision;
  fedAnsweredAt = supervisor.getState().answeredAt;
  snapshot = { queues: tally.figures(fedAgents), radar: ranking.rows() };

  return {
    get: (): LiveRoomSnapshot => snapshot,
    subscribe(listener: () => void): () => void {
      // eslint-disable-next-line functional/immutable-data -- a listener registry: subscribing changes no figure.
      listeners.add(listener);
      // eslint-disable-next-line functional/immutable-data -- the same listener registry.
      return () => listeners.delete(listener);
    },
    /** Draws anything still pending now (tests, and a view that must not wait a frame). */
    flushNow(): void {
      cancel?.();
      flush();
    },
    dispose(): void {
      cancel?.();
      cancel = null;
      clearInterval(rescoreTimer);
      unsubscribeInbox();
      unsubscribeSupervisor();
      unwatchChanges();
      // eslint-disable-next-line functional/immutable-data -- the same listener registry.
      listeners.clear();
    },
  };
}

export type LiveRoom = ReturnType<typeof createLiveRoom>;
