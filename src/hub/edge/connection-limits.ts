import type { ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { sendError } from '../routes/errors';
import type { HostAllowlist } from './host-allowlist';
import { MAX_BUFFERED_BYTES } from '../stream/client-channel';

export interface EdgeLimits {
  /** A socket with no bytes either way for this long is closed (an upgraded WebSocket has its heartbeat instead). */
  idleTimeoutMs: number;
  /** The request line and headers must arrive within this (a client trickling header bytes). */
  headersTimeoutMs: number;
  /** The whole request, body included (a client trickling a body). */
  requestTimeoutMs: number;
  /** An idle keep-alive socket between requests. */
  keepAliveTimeoutMs: number;
  /** Open sockets from one address at a time; the next is closed at once. */
  maxConnectionsPerAddress: number;
  /** Desktop streams one session may hold; past it the oldest is closed (see stream/session-streams). */
  maxStreamsPerSession: number;
  /** Unsent bytes a desktop stream may pile up before it is closed as too slow (see stream/client-channel). */
  maxStreamBufferedBytes: number;
}

export const DEFAULT_EDGE_LIMITS: EdgeLimits = {
  idleTimeoutMs: 60_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 10_000,
  maxConnectionsPerAddress: 256,
  maxStreamsPerSession: 4,
  maxStreamBufferedBytes: MAX_BUFFERED_BYTES,
};

/** Fastify's and Node's timeouts: a slow client holds a socket for a bounded time, never forever. */
export function edgeServerOptions(limits: EdgeLimits): { connectionTimeout: number; requestTimeout: number; keepAliveTimeout: number; http: ServerOptions } {
  return {
    connectionTimeout: limits.idleTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Node checks the header and request deadlines on this interval (30 s by default, which would
    // let a trickling client overstay a 10 s deadline threefold).
    http: { headersTimeout: limits.headersTimeoutMs, connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs) },
  };
}

/**
 * The hub's front door: the Host allowlist on every request (421 otherwise) and the per-address
 * connection cap. Registered first, before any route, so that nothing answers a rebound name.
 */
export function guardEdge(app: FastifyInstance, hosts: HostAllowlist, limits: EdgeLimits): void {
  app.addHook('onRequest', async (request, reply) => {
    if (hosts.isHostAllowed(request.headers.host)) return;
    return sendError(reply, 'host_not_allowed', 'This hub does not answer to that host name; an admin allows names with --allowed-host.');
  });
  const open = new Map<string, number>();
  app.server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    if (count > limits.maxConnectionsPerAddress) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
