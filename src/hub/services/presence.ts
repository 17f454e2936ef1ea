/**
 * Which agents are connected and since when they were last given work. Kept in memory: presence
 * is a property of live connections, rebuilt as agents reconnect after a hub restart.
 */
export function createPresence(now: () => number) {
  const connections = new Map<string, number>();
  const idleSince = new Map<string, number>();

  return {
    connected(userId: string): void {
      connections.set(userId, (connections.get(userId) ?? 0) + 1);
      if (!idleSince.has(userId)) idleSince.set(userId, now());
    },
    disconnected(userId: string): void {
      const left = (connections.get(userId) ?? 1) - 1;
      if (left <= 0) connections.delete(userId);
      else connections.set(userId, left);
    },
    isAvailable(userId: string): boolean {
      return connections.has(userId);
    },
    workChanged(userId: string): void {
      idleSince.set(userId, now());
    },
    idleSince(userId: string): number {
      return idleSince.get(userId) ?? now();
    },
  };
}

export type Presence = ReturnType<typeof createPresence>;
