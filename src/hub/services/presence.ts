import { randomUUID } from 'node:crypto';
import type { Presence as PresenceState } from '../../shared/conversation';
import { createPresenceStore, type PresenceChange, type PresenceRow, type PresenceStore } from '../cluster/presence-store';
import type { HubDatabase } from '../store/database';

export interface PresenceStatus {
  presence: PresenceState;
  /** Epoch ms when this presence began. */
  since: number;
  /** Why an agent is away: one of the configured reasons, or the wrap-up after a chat. */
  reason?: string;
  /** Epoch ms when a wrap-up ends by itself. */
  until?: number;
}

export interface PresenceOptions {
  /** How long an agent stays out of routing after closing a chat; 0 for no wrap-up. */
  wrapUpMs?: number;
  /** What an agent may say when they go away; offered as a list on their status bar. */
  awayReasons?: readonly string[];
  /** How long this replica's claim on its agents' connections lasts unless renewed (default PRESENCE_LEASE_MS). */
  leaseMs?: number;
}

/**
 * A replica's lease on its agents' connections. As long as the stream heartbeat: a client of a
 * replica that died needs about that long to notice and reconnect elsewhere, so its agents show
 * offline no sooner than they could have come back; renewed every third of it, so two missed
 * renewals (a pause, a slow database moment) never drop a live agent.
 */
export const PRESENCE_LEASE_MS = 15_000;

export const DEFAULT_AWAY_REASONS: readonly string[] = ['Break', 'Lunch', 'Meeting', 'Training'];
/** The reason shown while an agent wraps up a chat they closed. */
export const WRAP_UP_REASON = 'Wrap-up';

export type PresenceListener = (agentId: string, status: PresenceStatus) => void;
type Effective = Omit<PresenceStatus, 'since'>;

/** What an agent shows: offline without a live connection on any replica, else their choice, else a running wrap-up. */
function effectiveOf(row: PresenceRow | null, isConnected: boolean, at: number): Effective {
  if (!isConnected) return { presence: 'offline' };
  if (row?.chosen === 'away') return { presence: 'away', ...(row.chosenReason ? { reason: row.chosenReason } : {}) };
  return row?.wrapUpUntil && row.wrapUpUntil > at ? { presence: 'away', reason: WRAP_UP_REASON, until: row.wrapUpUntil } : { presence: 'available' };
}

const isShown = (row: PresenceRow, effective: Effective) => row.shown === effective.presence && (row.shownReason ?? undefined) === effective.reason;
const fresh = (agentId: string, at: number): PresenceRow => ({
  agentId,
  chosen: 'available',
  chosenReason: null,
  wrapUpUntil: null,
  idleSince: at,
  shown: 'offline',
  shownReason: null,
  since: at,
});
const toStatus = (change: PresenceChange): PresenceStatus => ({
  presence: change.presence,
  since: change.at,
  ...(change.reason ? { reason: change.reason } : {}),
  ...(change.until ? { until: change.until } : {}),
});

/**
 * Where each agent is, for the whole floor: what they chose (available, or away with a reason)
 * combined with whether any replica holds a live stream connection of theirs. After a chat they
 * closed, an agent wraps up (away, "Wrap-up") until a stored time. All of it is in the store, so
 * any replica decides from the same facts; each replica counts its own connections in memory and
 * leases them in the store. Every change of effective presence is logged in order
 * (presence_changes), and every replica hears of it by following that log (`publish`).
 */
export function createPresence(now: () => number, options: PresenceOptions & { changed?: () => void; onError?: (error: unknown) => void } = {}) {
  const wrapUpMs = Math.max(0, options.wrapUpMs ?? 0);
  const awayReasons = options.awayReasons ?? DEFAULT_AWAY_REASONS;
  const leaseMs = options.leaseMs ?? PRESENCE_LEASE_MS;
  const replicaId = randomUUID();
  const connections = new Map<string, number>();
  const listeners = new Set<PresenceListener>();
  const availableListeners = new Set<(agentId: string) => void>();
  const wrapUpTimers = new Map<string, NodeJS.Timeout>();
  let db: HubDatabase | null = null;
  let store: PresenceStore | null = null;
  let writes: Promise<unknown> = Promise.resolve();
  let renewal: NodeJS.Timeout | null = null;

  const storeOf = (): { db: HubDatabase; store: PresenceStore } => {
    if (!db || !store) throw new Error('presence has no store: bind it first');
    return { db, store };
  };

  /** Inside a write: logs the agent's effective presence if it differs from what was last shown. */
  async function reconcile(agentId: string): Promise<PresenceChange | null> {
    const { store } = storeOf();
    const at = now();
    const row = await store.row(agentId);
    const next = effectiveOf(row, await store.connectedAnywhere(agentId, at), at);
    if (row ? isShown(row, next) : next.presence === 'offline') return null;
    await store.save({ ...(row ?? fresh(agentId, at)), shown: next.presence, shownReason: next.reason ?? null, since: at });
    const change = { agentId, at, presence: next.presence, reason: next.reason ?? null, until: next.until ?? null };
    return { ...change, seq: await store.log(change) };
  }

  /** Tells this replica's routing of what it just committed, and every replica's follower to read the log. */
  function committed(changes: readonly (PresenceChange | null)[]): void {
    const made = changes.filter((change): change is PresenceChange => change !== null);
    if (made.length === 0) return;
    options.changed?.();
    for (const change of made) if (change.presence === 'available') for (const listener of availableListeners) listener(change.agentId);
  }

  /** Runs one presence write after the ones this replica started before it (connections in order). */
  function write(work: () => Promise<(PresenceChange | null)[]>): Promise<void> {
    const { db } = storeOf();
    const next = writes.then(async () => committed(await db.write(work)));
    writes = next.catch((error: unknown) => options.onError?.(error));
    return next;
  }

  /** Writes this replica's lease on one agent as its memory has it now, and what that changes. */
  const leaseOf = async (agentId: string): Promise<(PresenceChange | null)[]> => {
    await storeOf().store.setLease(agentId, replicaId, connections.get(agentId) ?? 0, now() + leaseMs);
    return [await reconcile(agentId)];
  };

  function countConnection(agentId: string, delta: number): Promise<void> {
    const left = (connections.get(agentId) ?? 0) + delta;
    if (left > 0) connections.set(agentId, left);
    else connections.delete(agentId);
    // A stream's open or close is not a request: a failed write is reported, and the next renewal writes the lease again.
    return write(() => leaseOf(agentId)).catch((error: unknown) => options.onError?.(error));
  }

  /** Renews this replica's lease; rows another replica swept away as expired are written again. */
  async function renew(): Promise<void> {
    const { db, store } = storeOf();
    const renewed = await db.write(() => store.renew(replicaId, now() + leaseMs));
    if (renewed === connections.size) return;
    await write(async () => {
      const changes: (PresenceChange | null)[] = [];
      for (const agentId of [...connections.keys()]) changes.push(...(await leaseOf(agentId)));
      return changes;
    });
  }

  function armWrapUpEnd(agentId: string, until: number): void {
    clearTimeout(wrapUpTimers.get(agentId));
    const timer = setTimeout(() => {
      wrapUpTimers.delete(agentId);
      void write(async () => [await reconcile(agentId)]).catch(() => undefined);
    }, Math.max(0, until - now()));
    // A wrap-up must not keep a stopping hub alive.
    timer.unref();
    wrapUpTimers.set(agentId, timer);
  }

  /** Current statuses of some agents: one read, this replica's own connections from memory. */
  async function statuses(agentIds: readonly string[]): Promise<Map<string, PresenceStatus & { idleSince: number }>> {
    const at = now();
    const rows = await storeOf().store.rowsWithElsewhere(agentIds, replicaId, at);
    const found = new Map<string, PresenceStatus & { idleSince: number }>();
    for (const agentId of agentIds) {
      const row = rows.get(agentId) ?? null;
      const effective = effectiveOf(row, connections.has(agentId) || row?.elsewhere === true, at);
      found.set(agentId, { ...effective, since: row && isShown(row, effective) ? row.since : at, idleSince: row?.idleSince ?? at });
    }
    return found;
  }

  return {
    /** Keeps presence in this store (the conversation service's), with this replica's lease renewed. */
    bind(database: HubDatabase): void {
      if (db) return;
      db = database;
      store = createPresenceStore(database);
      renewal = setInterval(() => void renew().catch((error: unknown) => options.onError?.(error)), Math.max(100, Math.floor(leaseMs / 3)));
      renewal.unref();
    },
    store: () => storeOf().store,
    /** The reasons an agent may give for going away, and the wrap-up length, for their status bar. */
    settings: () => ({ awayReasons: [...awayReasons], wrapUpSeconds: Math.round(wrapUpMs / 1000) }),
    isAwayReason: (reason: string): boolean => awayReasons.includes(reason),
    /** A stream of this agent opened on this replica; counts at once for routing here, and for the floor once written. */
    connected: (agentId: string): Promise<void> => countConnection(agentId, 1),
    disconnected: (agentId: string): Promise<void> => countConnection(agentId, -1),
    /** The agent's own choice; it only shows while they are connected. Choosing available ends a wrap-up early. */
    async setChosen(agentId: string, presence: 'available' | 'away', reason?: string): Promise<PresenceStatus> {
      await write(async () => {
        const { store } = storeOf();
        const row = (await store.row(agentId)) ?? fresh(agentId, now());
        const wrapUpUntil = presence === 'available' ? null : row.wrapUpUntil;
        await store.save({ ...row, chosen: presence, chosenReason: presence === 'away' && reason ? reason : null, wrapUpUntil });
        return [await reconcile(agentId)];
      });
      return this.status(agentId);
    },
    /** Inside the write that closes a chat: out of routing for the wrap-up time, unless there is none. */
    async startWrapUp(agentId: string): Promise<void> {
      if (wrapUpMs === 0) return;
      const { store } = storeOf();
      const at = now();
      if (!connections.has(agentId) && !(await store.connectedAnywhere(agentId, at))) return;
      const until = at + wrapUpMs;
      await store.save({ ...((await store.row(agentId)) ?? fresh(agentId, at)), wrapUpUntil: until });
      await reconcile(agentId);
      armWrapUpEnd(agentId, until);
    },
    async status(agentId: string): Promise<PresenceStatus> {
      const { idleSince: _idle, ...status } = (await statuses([agentId])).get(agentId)!;
      return status;
    },
    statuses,
    /** Only an available agent is offered work: never one away, wrapping up, offline or without a connection. */
    isAvailable: async (agentId: string): Promise<boolean> => (await statuses([agentId])).get(agentId)?.presence === 'available',
    /** Inside the write that gives the agent work: their "longest idle" clock starts again. */
    workChanged: (agentId: string): Promise<void> => storeOf().store.workChanged(agentId, now()),
    /**
     * Changes published from any replica in log order: until time changes them (a wrap-up ends, a
     * dead replica's lease runs out) and `sweep` logs that. Returns the unsubscribe.
     */
    onChange(listener: PresenceListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** After this replica committed a change that made an agent available: where routing offers them work. */
    onAvailable(listener: (agentId: string) => void): () => void {
      availableListeners.add(listener);
      return () => availableListeners.delete(listener);
    },
    /** Hands changes read from the log to this replica's listeners, in order. */
    publish(changes: readonly PresenceChange[]): void {
      for (const change of changes) for (const listener of listeners) listener(change.agentId, toStatus(change));
    },
    /**
     * Logs what time changed: wrap-ups that ended and agents whose every lease expired (a replica
     * died). Run by one replica (the sweep's leader); each change is decided inside the write.
     */
    async sweep(): Promise<void> {
      await write(async () => {
        const { store } = storeOf();
        const at = now();
        await store.dropExpired(at);
        const due = (await store.shownOnline(at)).filter((row) => !isShown(row, effectiveOf(row, row.anywhere, at)));
        const changes: (PresenceChange | null)[] = [];
        for (const row of due) changes.push(await reconcile(row.agentId));
        return changes;
      });
    },
    /** One process on its own store (SQLite): leases left by a previous run hold no live connection. */
    forgetOtherLeases: (): Promise<void> =>
      write(async () => {
        await storeOf().store.dropOthers(replicaId);
        return [];
      }),
    /** Stops renewing and waits for presence writes under way: the store can close after it. */
    async stop(): Promise<void> {
      if (renewal) clearInterval(renewal);
      for (const timer of wrapUpTimers.values()) clearTimeout(timer);
      wrapUpTimers.clear();
      await writes;
    },
  };
}

export type Presence = ReturnType<typeof createPresence>;
