import type { WebSocket } from 'ws';

/**
 * Bounds the desktop streams of one session token. Past the bound the oldest is closed, not the
 * newest: a reconnecting client's previous socket may be half-open until the heartbeat notices,
 * and the client that just said hello is the one a person is looking at.
 */
export function createSessionStreams(max: number) {
  const bySession = new Map<string, WebSocket[]>();
  return {
    admit(session: string, socket: WebSocket): void {
      const open = bySession.get(session) ?? [];
      open.push(socket);
      bySession.set(session, open);
      socket.once('close', () => {
        const left = (bySession.get(session) ?? []).filter((other) => other !== socket);
        if (left.length > 0) bySession.set(session, left);
        else bySession.delete(session);
      });
      while (open.length > max) open.shift()?.close(1008, `at most ${max} streams per session: this one is the oldest`);
    },
    count: (session: string): number => bySession.get(session)?.length ?? 0,
  };
}
