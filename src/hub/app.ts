import type { Duplex } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { ENVELOPE_LIMITS } from '../shared/envelope';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../shared/json-bounds';
import { createSqlitePendingTranscripts, integrationRoutes } from './adapters';
import { registerBotpressHitl } from './adapters/botpress-route';
import { registerChatwootWebhook } from './adapters/chatwoot-route';
import { createOutcomeSettler } from './adapters/settle';
import { channelHosts, createAttachments, listeningUrl, registerAttachmentRoutes, type AttachmentOptions } from './attachments';
import { integrationOfRequest } from './auth/integration-token';
import { createWallboardSessions } from './auth/wallboard-session';
import { channelConversation, startBotCallbacks } from './callbacks';
import { createChannelTyping } from './channels/channel-typing';
import { createInboundChannel } from './channels/inbound';
import { registerInboundRoutes } from './channels/inbound-routes';
import { createChatService, type ChatService } from './chat/chat-service';
import { createChatLimits } from './chat/chat-limits';
import { registerChatRoutes } from './chat/chat-routes';
import { CHAT_STREAM_PATH, createChatSocketServer } from './chat/chat-socket';
import { requireIntegration, type HubContext, type RequestWithRawBody } from './context';
import { DEFAULT_EDGE_LIMITS, edgeServerOptions, guardEdge, type EdgeLimits } from './edge/connection-limits';
import { createHostAllowlist } from './edge/host-allowlist';
import { registerAdminIntegrationRoutes } from './routes/admin-integrations';
import { createAdministration, type Administration } from './admin/administration';
import { registerPasswordCodeRoutes } from './routes/admin-password-codes';
import { registerAdminApi } from './routes/admin-api';
import { registerBotRoutes } from './routes/bot';
import { registerConversationRoutes } from './routes/conversations';
import { registerCustomerHistoryRoutes } from './routes/customer-history';
import { createCustomerHistory } from './store/customer-history';
import { registerDirectoryRoutes } from './routes/directory';
import { registerErrorHandling } from './routes/errors';
import { registerHandoffRoutes } from './routes/handoffs';
import { createFloorCounters } from './store/floor-counters';
import { countIntegrationRequestsIn, DEFAULT_INTEGRATION_RATE_LIMIT, withIntegrationLimit, type IntegrationRateLimit } from './routes/integration-rate-limit';
import { registerMetricsRoutes } from './routes/metrics';
import { registerPresenceRoutes } from './routes/presence';
import { registerWorkstationSettingsRoutes } from './routes/workstation-settings';
import { registerSessionRoutes } from './routes/sessions';
import { registerOidcRoutes } from './routes/oidc';
import { createProviderSignIn } from './auth/oidc-sign-in';
import { createMetricsReaders } from './metrics/metrics-readers';
import { createWallboardBoards } from './metrics/wallboard-board';
import { registerWallboardRoutes } from './routes/wallboard';
import { registerSupervisionRoutes } from './routes/supervision';
import type { AgentStatusReader } from './services/routing-agents';
import { createConversationService } from './services/conversations';
import { createIntegrationSettings } from './services/integration-settings';
import { createPasswordCodes } from './services/password-codes';
import { createPresence, type PresenceOptions } from './services/presence';
import { startPresenceFloor } from './cluster/presence-floor';
import { createSupervisionService } from './services/supervision';
import { createFlagDesk } from './services/supervision-flags';
import { createAccountRepository } from './store/accounts';
import { createBotSessionRepository } from './store/bot-sessions';
import { createConversationRepository } from './store/conversations';
import { openHubStore, type HubDatabase } from './store/database';
import { createFlagRepository } from './store/flags';
import { createIntegrationChannelRepository } from './store/integration-channels';
import { createEventLog, type LoggedEvent } from './store/events';
import { createWebhookReceiptRepository } from './store/webhook-receipts';
import { createFloorCommands } from './stream/floor-commands';
import { createLiveChannel } from './stream/live';
import { createLeadership } from './cluster/leadership';
import { createLogFollower } from './cluster/log-follower';
import { startOfferSweep } from './cluster/offer-sweep';
import { createWakeups } from './cluster/wakeups';
import { machineryOf, type HubMachinery } from './machinery';
import { createEnrichmentPool } from './intake/enrichment-pool';
import { STREAM_PATH, createStreamServer } from './stream/stream-server';
import { createRetentionPurge } from './retention/purge';
import { startRetentionPurgeJob } from './retention/purge-job';

/** The wake-up channel of committed events: replicas read the log after it. */
const EVENTS_CHANNEL = 'hub_events';

/** How long shutdown waits for requests already in flight before cutting their connections. */
const CLOSE_GRACE_MS = 3000;

export interface HubOptions {
  /** SQLite file of the embedded store, or ':memory:' for tests (this or databaseUrl). */
  databaseFile?: string;
  /** PostgreSQL connection string: a team's store, shared by every replica of the hub (this or databaseFile). */
  databaseUrl?: string;
  /** The key sealing stored secrets, the same on every replica (--key-file); see openHubStore. */
  secretKey?: Buffer;
  now?: () => Date;
  sessionTtlMs?: number;
  logger?: boolean;
  /** How long an agent has to accept an offer before it goes to the next agent (default 30 s; null: no limit). */
  offerTimeoutMs?: number | null;
  /** Wrap-up after a chat (default none) and the away reasons agents choose from (default Break, Lunch, Meeting, Training). */
  presence?: PresenceOptions;
  /** Requests per integration and window on /v1/handoffs and on the bot routes (default 600 a minute each). */
  integrationRateLimit?: IntegrationRateLimit;
  /** How long a waiting web-chat customer's socket may be gone before the handoff counts as abandoned (default 60 s). */
  chatLeaveGraceMs?: number;
  /** Origins allowed to open WebSockets besides the hub's own (browser-mode desktops, wallboards). */
  allowedOrigins?: string[];
  /** Desktop-stream ping interval: a half-open peer is dropped within two of them (default 15 s). */
  heartbeatMs?: number;
  /** Host names the hub answers to besides loopback ones (DNS rebinding: any other Host gets 421). */
  allowedHosts?: string[];
  /** Timeouts and the per-address connection cap (defaults: DEFAULT_EDGE_LIMITS). */
  edgeLimits?: Partial<EdgeLimits>;
  /** Mount the anonymous customer web chat (/chat, its session route and socket): demo hubs, or when asked. */
  customerChat?: boolean;
  /** Files: size and fetch limits, hosts trusted on private addresses. */
  attachments?: AttachmentOptions;
  /** How bot platforms reach this hub, for the signed links of outgoing files (default: the address it listens on). */
  publicUrl?: string;
  /** better-sqlite3's addon for the running runtime: the Electron build when the desktop app embeds the hub. */
  nativeBinding?: string;
  /** How often closed conversations past the admin's hub retention are purged (default hourly; also once at start). */
  retentionPurgeIntervalMs?: number;
  /** Speed machinery to run without (the bench's with-and-without figures); all on by default. */
  machinery?: Partial<HubMachinery>;
}

export interface Hub {
  app: FastifyInstance;
  db: HubDatabase;
  context: HubContext;
  chat: ChatService;
  /** The operations behind `/v1/admin/...`, for what scripts the hub the same way (the demo seed). */
  administration: Administration;
}

/** Builds the hub without listening: tests use `app.inject` and real sockets on port 0 alike. */
export async function build(options: HubOptions): Promise<Hub> {
  const now = options.now ?? (() => new Date());
  const machinery = machineryOf(options.machinery);
  const db = await openHubStore({
    ...(options.databaseUrl ? { url: options.databaseUrl } : { file: options.databaseFile, nativeBinding: options.nativeBinding }),
    secretKey: options.secretKey,
  });
  const edgeLimits = { ...DEFAULT_EDGE_LIMITS, ...options.edgeLimits };
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: ENVELOPE_LIMITS.maxBodyBytes, ...edgeServerOptions(edgeLimits) });
  // Limits count in the store: replicas on one PostgreSQL share one allowance.
  const counters = createFloorCounters(db, () => now().getTime());
  countIntegrationRequestsIn(app.server, counters);
  const hosts = createHostAllowlist(options.allowedHosts);
  guardEdge(app, hosts, edgeLimits);
  // Only JSON bodies: anything else is a 415, not a string the routes must guess about. The raw
  // text is kept for signature checks; parsing stays Fastify's (which refuses __proto__ keys).
  app.removeContentTypeParser('text/plain');
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    (request as RequestWithRawBody).rawBody = body as string;
    if (nestsDeeperThan(body as string)) return done(Object.assign(new Error(`The JSON nests deeper than ${MAX_JSON_DEPTH} levels.`), { statusCode: 400 }), undefined);
    void parseJson(request, body as string, done);
  });
  registerErrorHandling(app);

  const listeners: ((logged: LoggedEvent[]) => void)[] = [];
  const accounts = createAccountRepository(db);
  const conversations = createConversationRepository(db);
  const events = createEventLog(db);
  const wakeups = createWakeups({ url: options.databaseUrl, onError: (error) => app.log.error(error) });
  // One replica at a time does each background job of the floor; on SQLite the one process leads.
  const leaderOf = (job: string) => createLeadership({ url: options.databaseUrl, job, onError: (error) => app.log.warn({ err: error }, `leadership of ${job}`) });
  const leaders = { outbox: leaderOf('outbox'), offerSweep: leaderOf('offer-sweep'), retentionPurge: leaderOf('retention-purge'), presenceSweep: leaderOf('presence-sweep') };
  const follower = createLogFollower({
    readAfter: (seq, limit) => events.after(seq, limit),
    fromSeq: await events.latestSeq(),
    pollMs: options.databaseUrl ? 1000 : null,
    publish: (logged) => listeners.forEach((listener) => listener(logged)),
    onError: (error) => app.log.error(error),
  });
  wakeups.onWake(EVENTS_CHANNEL, () => void follower.wake());
  // A committed presence change wakes every replica's presence follower, as an event wakes its log follower.
  const presence = createPresence(() => now().getTime(), { ...options.presence, changed: () => void wakeups.notify(EVENTS_CHANNEL), onError: (error) => app.log.error(error) });
  const service = createConversationService({
    db,
    accounts,
    conversations,
    events,
    presence,
    now,
    offerTimeoutMs: options.offerTimeoutMs === undefined ? 30_000 : options.offerTimeoutMs,
    // Every replica reads what was committed from the log (its own writes too); a wake-up says "read now".
    // The change's caller answers once this replica has handed its events on (an agent sees an offer before the bot hears 201).
    publish: async () => {
      void wakeups.notify(EVENTS_CHANNEL);
      await follower.settled();
    },
  });
  await service.rearmOfferTimers();
  const presenceFloor = await startPresenceFloor({
    presence,
    leadership: options.databaseUrl ? leaders.presenceSweep : null,
    now: () => now().getTime(),
    onError: (error) => app.log.error(error),
  });
  wakeups.onWake(EVENTS_CHANNEL, () => void presenceFloor.wake());
  // Replicas: the sweep's leader also arms every open offer, so a killed replica's offers expire on time.
  const offerSweep = options.databaseUrl
    ? startOfferSweep({ leadership: leaders.offerSweep, rearm: () => service.rearmOfferTimers(), onError: (error) => app.log.error(error) })
    : null;
  const flags = createFlagRepository(db);
  const supervision = createSupervisionService({
    kernel: service.kernel,
    flags: createFlagDesk(service.kernel, flags),
    capacityFreed: (agentId) => {
      void offerToFreedAgent(agentId).catch((error: unknown) => app.log.error(error));
    },
  });
  async function offerToFreedAgent(agentId: string): Promise<void> {
    const agent = await accounts.userById(agentId);
    if (agent) await service.agentAvailable(agent);
  }
  const agentStatuses: AgentStatusReader = (queues) => service.agentStatuses(queues);
  const live = createLiveChannel({ agentStatuses, onError: (error) => app.log.error({ err: error }, 'agents snapshot failed') });
  presence.onChange(() => live.agentsChanged());
  const webhookReceipts = createWebhookReceiptRepository(db);
  const fileHosts = createIntegrationChannelRepository(db);
  const attachments = await createAttachments(db, now, () => options.publicUrl ?? listeningUrl(app.server.address()), {
    ...options.attachments,
    // An integration's own configured platform host may be on the office network: its files come from there.
    trustedHostsOf: async (integrationId) => channelHosts(await fileHosts.integrationChannel(integrationId)),
  });
  const context: HubContext = {
    accounts,
    conversations,
    events,
    service,
    supervision,
    presence,
    webhookReceipts,
    attachments,
    now,
    sessionTtlMs: options.sessionTtlMs ?? 12 * 3600_000,
    counters,
  };
  // Receipts only need to outlive the 5-minute signature window.
  const pruneReceipts = setInterval(() => {
    void webhookReceipts.prune(new Date(now().getTime() - 15 * 60_000)).catch((error: unknown) => app.log.error(error));
  }, 60_000);
  pruneReceipts.unref();

  const extraOrigins = new Set(options.allowedOrigins ?? []);
  const sameHost = (origin: string, host: string | undefined) => hosts.isOriginAllowed(origin, host, extraOrigins);
  // Same host too: the hub's own wallboard page (/wallboard) reads the stream.
  const stream = createStreamServer(context, {
    allowedOrigins: sameHost,
    live,
    heartbeatMs: options.heartbeatMs,
    maxStreamsPerSession: edgeLimits.maxStreamsPerSession,
    maxBufferedBytes: edgeLimits.maxStreamBufferedBytes,
    onError: (error) => app.log.warn({ err: error }, 'stream catch-up failed'),
  });
  // Every replica shows its own customers' windows what the log carries; only third parties go through the outbox.
  const chat = createChatService(db, context, { leaveGraceMs: options.chatLeaveGraceMs });
  const callbacks = startBotCallbacks(app, db, context, {}, leaders.outbox);
  const chatLimits = createChatLimits(counters);
  const chatSockets = createChatSocketServer(chat, { allowedOrigins: sameHost, limits: chatLimits });
  listeners.push(stream.publish, chat.onEvents, callbacks.wake, live.onEvents);
  const channelTyping = createChannelTyping({
    channels: createIntegrationChannelRepository(db),
    integrationById: (id) => context.accounts.integrationById(id),
    conversationOf: (id) => channelConversation(context, id),
    now: () => context.now(),
  });
  // Commands on connections reach every replica by NOTIFY: whichever holds the stream or the window acts.
  const floorCommands = createFloorCommands({
    wakeups,
    disconnectUser: stream.disconnectUser,
    recheckSessions: () => void stream.recheckSessions().catch((error: unknown) => app.log.error(error)),
    typing: (signal) => {
      live.typing(signal.conversationId, signal.agentId, signal.at, new Set(signal.monitors));
      chat.agentTyping(signal.conversationId);
      // The platform is a third party: one replica, the outbox's leader, keeps each burst.
      if (leaders.outbox.isLeader()) channelTyping.agentTyping(signal.conversationId, signal.integrationId);
    },
    onError: (error) => app.log.warn({ err: error }, 'floor command'),
  });
  app.addHook('onClose', async () => {
    floorCommands.stop();
    channelTyping.stop();
  });

  // Reads the store, so a replica whose database is away answers 503 (errors.ts) and a load balancer takes it out.
  app.get('/healthz', async () => ({ status: 'ok', seq: await events.latestSeq() }));
  registerHandoffRoutes(app, context, options.integrationRateLimit, machinery.enrichmentWorkers ? undefined : createEnrichmentPool({ workers: 0 }));
  registerBotRoutes(app, context, createBotSessionRepository(db), options.integrationRateLimit);
  registerAdminIntegrationRoutes(app, context, createIntegrationSettings(db, context));
  registerPasswordCodeRoutes(app, createPasswordCodes(db, context.now));
  const administration = createAdministration({ db, disconnectUser: floorCommands.disconnectUser, accounts: context.accounts, conversations: context.conversations, service: context.service, now: context.now });
  registerAdminApi(app, context, administration);
  const retentionPurge = startRetentionPurgeJob(createRetentionPurge(db, now), {
    intervalMs: options.retentionPurgeIntervalMs,
    isLeader: () => leaders.retentionPurge.isLeader(),
    onError: (error) => app.log.error(error),
  });
  leaders.retentionPurge.onChange((isLeader) => {
    if (isLeader) retentionPurge.wake();
  });
  const providerSignIn = createProviderSignIn(administration);
  registerSessionRoutes(app, context, providerSignIn);
  registerOidcRoutes(app, context, providerSignIn);
  registerConversationRoutes(app, context);
  registerCustomerHistoryRoutes(app, context, createCustomerHistory(db));
  registerAttachmentRoutes(app, context);
  registerPresenceRoutes(app, context);
  registerWorkstationSettingsRoutes(app, context, administration.settings);
  registerSupervisionRoutes(app, context, { supervision, agentStatuses, typing: floorCommands.typing });
  registerDirectoryRoutes(app, context, agentStatuses);
  registerMetricsRoutes(app, context, createMetricsReaders(db));
  registerWallboardRoutes(app, context, { sessions: createWallboardSessions(db), boards: createWallboardBoards(db, context) });
  if (options.customerChat) registerChatRoutes(app, chat, chatLimits);
  const pending = createSqlitePendingTranscripts(db);
  const inbound = createInboundChannel(db, context);
  const settle = createOutcomeSettler({
    ingest: async (envelope, integration) => {
      const isKnown = (await conversations.findByEnvelope(integration.id, envelope.id)) !== null;
      return attachments.ingestWithFiles(envelope, integration.id, isKnown, (resolved) => service.ingest(resolved, integration));
    },
    inbound,
    pending,
  });
  registerInboundRoutes(app, context, inbound, options.integrationRateLimit);
  void app.register(
    withIntegrationLimit(
      context,
      options.integrationRateLimit,
      integrationRoutes({
        authenticate: (request) => requireIntegration(context, request),
        identify: (request) => integrationOfRequest(context.accounts, request),
        settle,
        pending,
        now,
      }),
    ),
  );
  // Chatwoot and Botpress HITL cannot send a bearer token: the integration token is in their configured URL.
  const integrationChannels = createIntegrationChannelRepository(db);
  const platformRoutes = {
    integrationByToken: (token: string) => accounts.integrationByToken(token),
    channelSettings: async (integrationId: string) => (await integrationChannels.integrationChannel(integrationId))?.settings ?? {},
    receipts: webhookReceipts,
    pending,
    settle,
    now,
    rateLimit: options.integrationRateLimit ?? DEFAULT_INTEGRATION_RATE_LIMIT,
  };
  registerChatwootWebhook(app, platformRoutes);
  registerBotpressHitl(app, platformRoutes);

  // Every upgraded socket is tracked, so closing the hub never waits on one (a client that
  // reconnects mid-shutdown, or a refused upgrade whose peer never hangs up).
  const upgraded = new Set<Duplex>();
  let isClosing = false;
  app.server.on('upgrade', (request, socket, head) => {
    if (isClosing) return void socket.destroy();
    upgraded.add(socket);
    socket.once('close', () => upgraded.delete(socket));
    if (!hosts.isHostAllowed(request.headers.host)) return void socket.end('HTTP/1.1 421 Misdirected Request\r\nConnection: close\r\n\r\n');
    const path = (request.url ?? '').split('?')[0];
    if (path === STREAM_PATH) stream.handleUpgrade(request, socket, head);
    else if (path === CHAT_STREAM_PATH && options.customerChat) chatSockets.handleUpgrade(request, socket, head);
    else socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });
  // Sockets first (preClose), or server.close() would wait on them; the store last.
  app.addHook('preClose', async () => {
    isClosing = true;
    stream.close();
    chatSockets.close();
    chat.stop();
    for (const socket of upgraded) socket.destroy();
    // In-flight requests get a grace period, not a veto: a peer that never finishes its request
    // (a stalled browser tab, a half-open link) must not hold the hub's shutdown forever.
    setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS).unref();
  });
  app.addHook('onClose', async () => {
    await retentionPurge.stop();
    await offerSweep?.stop();
    await presenceFloor.stop();
    clearInterval(pruneReceipts);
    attachments.stop();
    await service.stop();
    live.stop();
    await follower.stop();
    await wakeups.stop();
    // Giving the jobs up ends their sessions, so another replica's next poll takes them at once.
    await Promise.all(Object.values(leaders).map((leader) => leader.stop()));
    await db.close();
  });

  return { app, db, context, chat, administration };
}
