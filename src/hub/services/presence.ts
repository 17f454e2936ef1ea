import type { Presence as PresenceState } from '../../shared/conversation';

export interface PresenceStatus {
  presence: PresenceState;
  /** Epoch ms when this presence began. */
  since: number;
}

export type PresenceListener = (agentId: string, status: PresenceStatus) => void;

/**
 * Where each agent is: what they chose (available or away) combined with whether they have a live
 * stream connection; without one they are offline whatever they chose. Kept in memory: presence is
 * a property of live connections, rebuilt as agents reconnect after a hub restart. Also remembers
 * when each agent was last given work, which is what "longest idle" routing reads.
 */
export function createPresence(now: () => number) {
  const connections = new Map<string, number>();
  const chosen = new Map<string, 'available' | 'away'>();
  const since = new Map<string, number>();
  const idleSince = new Map<string, number>();
  const listeners = new Set<PresenceListener>();

  const effective = (agentId: string): PresenceState =>
    connections.has(agentId) ? (chosen.get(agentId) ?? 'available') : 'offline';

  /** Runs a change and tells listeners if the effective presence moved. */
  function track(agentId: string, change: () => void): void {
    const before = effective(agentId);
    change();
    const after = effective(agentId);
    if (after === before) return;
    since.set(agentId, now());
    const status = { presence: after, since: since.get(agentId)! };
    for (const listener of listeners) listener(agentId, status);
  }

  return {
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
    /** The agent's own choice; it only shows while they are connected. */
    setChosen(agentId: string, presence: 'available' | 'away'): PresenceStatus {
      track(agentId, () => chosen.set(agentId, presence));
      return this.status(agentId);
    },
    status(agentId: string): PresenceStatus {
      return { presence: effective(agentId), since: since.get(agentId) ?? now() };
    },
    /** Only an available agent is offered work: never one away, offline or without a connection. */
    isAvailable(agentId: string): boolean {
      return effective(agentId) === 'available';
    },
    hasAnyAvailable(agentIds: readonly string[]): boolean {
      return agentIds.some((id) => effective(id) === 'available');
    },
    /** Called with every change of an agent's effective presence; returns the unsubscribe. */
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
