import type { WebSocket, WebSocketServer } from 'ws';

export const HEARTBEAT_MS = 15_000;

/** Pings every client; one that has not answered the previous ping is a dead peer and is dropped. */
export function startHeartbeat(wss: WebSocketServer, intervalMs = HEARTBEAT_MS) {
  const alive = new WeakMap<WebSocket, boolean>();
  wss.on('connection', (socket) => {
    alive.set(socket, true);
    socket.on('pong', () => alive.set(socket, true));
  });
  const timer = setInterval(() => {
    for (const socket of wss.clients) {
      if (alive.get(socket) === false) {
        socket.terminate();
        continue;
      }
      alive.set(socket, false);
      socket.ping();
    }
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
