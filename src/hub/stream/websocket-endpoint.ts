import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { startHeartbeat } from './heartbeat';

export interface WebSocketEndpointOptions {
  maxPayload: number;
  /** Browsers send Origin; a page from an origin not allowed here gets 403 (Node clients send none). */
  isOriginAllowed(origin: string, host: string | undefined): boolean;
  /** Ping interval; a peer that misses one ping is dropped at the next (default HEARTBEAT_MS). */
  heartbeatMs?: number;
}

/**
 * One WebSocket endpoint on the hub's HTTP server: origin check, size limit, heartbeats. The hub
 * (app.ts) routes upgrades here by path and owns shutdown of the raw sockets.
 */
export function createWebSocketEndpoint(options: WebSocketEndpointOptions) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload });
  const heartbeat = startHeartbeat(wss, options.heartbeatMs);
  return {
    wss,
    handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
      const origin = request.headers.origin;
      if (origin && !options.isOriginAllowed(origin, request.headers.host)) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    },
    close(): void {
      heartbeat.stop();
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
