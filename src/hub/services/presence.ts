import type { Presence as PresenceState } from '../../shared/conversation';

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
}

export const DEFAULT_AWAY_REASONS: readonly string[] = ['Break', 'Lunch', 'Meeting', 'Training'];
/** The reason shown while an agent wraps up a chat they closed. */
export const WRAP_UP_REASON = 'Wrap-up';

export type PresenceListener = (agentId: string, status: PresenceStatus) => void;

/**
 * Where each agent is: what they chose (available, or away with a reason) combined with whether
 * they have a live stream connection; without one they are offline whatever they chose. After a
 * chat they closed, an agent wraps up (away, "Wrap-up") for the configured time or until they end
 * it. Kept in memory: presence is a property of live connections, rebuilt as agents reconnect after
 * a hub restart. Also remembers when each agent was last given work, which is what "longest idle"
 * routing reads.
 */
export function createPresence(now: () => number, options: PresenceOptions = {}) {
  const wrapUpMs = Math.max(0, options.wrapUpMs ?? 0);
  const awayReasons = options.awayReasons ?? DEFAULT_AWAY_REASONS;
  const connections = new Map<string, number>();
  const chosen = new Map<string, { presence: 'available' | 'away'; reason?: string }>();
  const wrapUps = new Map<string, { until: number; timer: ReturnType<typeof setTimeout> }>();
  const since = new Map<string, number>();
  const idleSince = new Map<string, number>();
  const listeners = new Set<PresenceListener>();

  const effective = (agentId: string): Omit<PresenceStatus, 'since'> => {
    if (!connections.has(agentId)) return { presence: 'offline' };
    const choice = chosen.get(agentId);
    if (choice?.presence === 'away') return { presence: 'away', ...(choice.reason ? { reason: choice.reason } : {}) };
    const wrapUp = wrapUps.get(agentId);
    return wrapUp ? { presence: 'away', reason: WRAP_UP_REASON, until: wrapUp.until } : { presence: 'available' };
  };
  const status = (agentId: string): PresenceStatus => ({ ...effective(agentId), since: since.get(agentId) ?? now() });

  /** Runs a change and tells listeners if the effective presence or its reason moved. */
  function track(agentId: string, change: () => void): void {
    const before = effective(agentId);
    change();
    const after = effective(agentId);
    if (after.presence === before.presence && after.reason === before.reason) return;
    since.set(agentId, now());
    for (const listener of listeners) listener(agentId, status(agentId));
  }

  const endWrapUp = (agentId: string): void =>
    track(agentId, () => {
      clearTimeout(wrapUps.get(agentId)?.timer);
      wrapUps.delete(agentId);
    });

  return {
    /** The reasons an agent may give for going away, and the wrap-up length, for their status bar. */
    settings: () => ({ awayReasons: [...awayReasons], wrapUpSeconds: Math.round(wrapUpMs / 1000) }),
    isAwayReason: (reason: string): boolean => awayReasons.includes(reason),
    connected(agentId: string): void {
      track(agentId, () => connections.set(agentId, (connections.get(agentId) ?? 0) + 1));
      if (!idleSince.has(agentId)) idleSince.set(agentId, now());
    },
    disconnected(agentId: string): void {
      track(agentId, () => {
        const left = (connections.get(agentId) ?? 1) - 1;
        if (left <= 0) connections.delete(agentId);
        else connections.set(agentId, left);
      });
    },
    /** The agent's own choice; it only shows while they are connected. Choosing available ends a wrap-up early. */
    setChosen(agentId: string, presence: 'available' | 'away', reason?: string): PresenceStatus {
      track(agentId, () => {
        chosen.set(agentId, presence === 'away' && reason ? { presence, reason } : { presence });
        if (presence === 'available') {
          clearTimeout(wrapUps.get(agentId)?.timer);
          wrapUps.delete(agentId);
        }
      });
      return status(agentId);
    },
    /** The agent closed a chat: out of routing for the wrap-up time, unless there is none. */
    startWrapUp(agentId: string): void {
      if (wrapUpMs === 0 || !connections.has(agentId)) return;
      track(agentId, () => {
        clearTimeout(wrapUps.get(agentId)?.timer);
        const timer = setTimeout(() => endWrapUp(agentId), wrapUpMs);
        // A wrap-up must not keep a stopping hub alive.
        timer.unref?.();
        wrapUps.set(agentId, { until: now() + wrapUpMs, timer });
      });
    },
    status,
    /** Only an available agent is offered work: never one away, wrapping up, offline or without a connection. */
    isAvailable(agentId: string): boolean {
      return effective(agentId).presence === 'available';
    },
    hasAnyAvailable(agentIds: readonly string[]): boolean {
      return agentIds.some((id) => effective(id).presence === 'available');
    },
    /** Called with every change of an agent's effective presence or its reason; returns the unsubscribe. */
    onChange(listener: PresenceListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    workChanged(agentId: string): void {
      idleSince.set(agentId, now());
    },
    idleSince(agentId: string): number {
      return idleSince.get(agentId) ?? now();
    },
  };
}

export type Presence = ReturnType<typeof createPresence>;
