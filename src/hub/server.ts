import { join } from 'node:path';
import { isIP } from 'node:net';
import { build, type Hub, type HubOptions } from './app';
import type { AttachmentOptions } from './attachments';
import { seedDemo } from './demo/seed';
import type { EdgeLimits } from './edge/connection-limits';
import type { IntegrationRateLimit } from './routes/integration-rate-limit';
import type { PresenceOptions } from './services/presence';

export interface StartHubOptions {
  port: number;
  host: string;
  /** Where the embedded SQLite store lives (hub.sqlite and its key), unless `databaseUrl` is given. */
  dataDir?: string;
  /** A PostgreSQL connection string: the hub runs on it, as one replica of a team's hub. */
  databaseUrl?: string;
  /** See HubOptions.secretKey. */
  secretKey?: Buffer;
  demo: boolean;
  logger?: boolean;
  allowedOrigins?: string[];
  /** Host names clients use besides loopback ones; the address it listens on is added (see HubOptions.allowedHosts). */
  allowedHosts?: string[];
  /** See HubOptions.edgeLimits. */
  edgeLimits?: Partial<EdgeLimits>;
  /** Mount the anonymous customer web chat; always with `demo`. */
  customerChat?: boolean;
  offerTimeoutMs?: number | null;
  /** See HubOptions.presence. */
  presence?: PresenceOptions;
  /** Per-integration request limit (default 600 a minute). */
  integrationRateLimit?: IntegrationRateLimit;
  /** Desktop-stream ping interval (default 15 s); see HubOptions.heartbeatMs. */
  heartbeatMs?: number;
  /** See HubOptions.nativeBinding. */
  nativeBinding?: string;
  /** See HubOptions.attachments and HubOptions.publicUrl. */
  attachments?: AttachmentOptions;
  publicUrl?: string;
  /** See HubOptions.machinery. */
  machinery?: HubOptions['machinery'];
}

export interface RunningHub {
  hub: Hub;
  url: string;
  port: number;
  close(): Promise<void>;
}

export const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));

const isWildcard = (host: string): boolean => host === '0.0.0.0' || host === '::' || host === '';

/**
 * The Host names to answer: the configured ones plus the address listened on. Listening on every
 * address with none configured is refused, since the hub cannot know which names are its own.
 */
export function hostsToAllow(listenHost: string, configured: readonly string[] = []): string[] {
  if (isWildcard(listenHost) && configured.length === 0) {
    throw new Error(`Listening on ${listenHost || 'every address'} needs the names clients use: add --allowed-host <name> (repeatable), e.g. --allowed-host warmline.example.com.`);
  }
  return isWildcard(listenHost) ? [...configured] : [listenHost, ...configured];
}

/** Listens; `port: 0` picks a free port. Demo data is refused off loopback: its passwords are public. */
export async function startHub(options: StartHubOptions): Promise<RunningHub> {
  if (options.demo && !isLoopback(options.host)) {
    throw new Error(`--demo seeds public demo credentials and is refused unless the hub listens on loopback (got ${options.host}).`);
  }
  if (!options.databaseUrl && !options.dataDir) throw new Error('The hub needs --data <dir> (SQLite) or --database postgres://… (PostgreSQL).');
  const hub = await build({
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : { databaseFile: join(options.dataDir ?? '', 'hub.sqlite') }),
    secretKey: options.secretKey,
    logger: options.logger ?? false,
    allowedOrigins: options.allowedOrigins,
    allowedHosts: hostsToAllow(options.host, options.allowedHosts),
    edgeLimits: options.edgeLimits,
    customerChat: options.demo || options.customerChat === true,
    offerTimeoutMs: options.offerTimeoutMs,
    presence: options.presence,
    integrationRateLimit: options.integrationRateLimit,
    heartbeatMs: options.heartbeatMs,
    nativeBinding: options.nativeBinding,
    attachments: options.attachments,
    publicUrl: options.publicUrl,
    machinery: options.machinery,
  });
  try {
    if (options.demo) await seedDemo(hub);
    await hub.app.listen({ port: options.port, host: options.host });
  } catch (error) {
    // A taken port or a failed seed: the store (a PostgreSQL pool) is released, not left open.
    await hub.app.close();
    throw error;
  }
  const address = hub.app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return { hub, port, url: `http://${host}:${port}`, close: () => hub.app.close() };
}
