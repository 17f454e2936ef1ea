import { join } from 'node:path';
import type { User } from '../../shared/conversation';
import type { CoreEvent, SessionState } from '../../shared/ipc';
import { createAttachmentFileRepository } from '../cache/attachment-files';
import { createConversationRepository } from '../cache/conversations';
import { createCachedCustomerHistory } from '../cache/customer-history';
import { openCache } from '../cache/database';
import { createOutboxRepository } from '../cache/outbox';
import { createProfileRepository, type Profile } from '../cache/profile';
import { clearAll, purgeExpired } from '../cache/retention';
import { createSearchRepository } from '../cache/search';
import { createAttachmentService } from '../services/attachments';
import { createHubHttpClient, HubRequestError, type HubHttpClient } from '../hub-client/http-client';
import { createStreamClient, type StreamClient } from '../hub-client/stream-client';
import type { Notifier } from '../notify/notifier';
import { answeringOffers } from '../notify/offer-answers';
import { openHistory } from '../services/history';
import { adoptHubDefault, DEFAULT_RETENTION_DAYS, startRetention, type Retention } from '../services/retention';
import { createSync } from '../services/sync';
import { SIGNED_OUT_TOKEN, sameAccount, signedIn } from './account';
import { createConnectionState } from './connection-state';
import { createConversationActions } from './conversation-actions';
import { CoreError } from './core-error';
import { createWorkstation } from './workstation';
import { createProviderSignIn } from './provider-sign-in';

export { CoreError };

export interface CoreOptions {
  /** Folder of this workstation's cache (cache.sqlite, mode 0600). */
  dataDir: string;
  /** The hub to sign in to when the user does not name one. */
  defaultHubUrl: string;
  notifier: Notifier;
  now?: () => Date;
  /** Path of a better-sqlite3 binary built for Electron's ABI, when running inside Electron. */
  nativeBinding?: string;
  createHttpClient?: (hubUrl: string) => HubHttpClient;
  /** Days a conversation stays in the cache after its last activity; without it, the hub admin's default (90 until told). */
  retentionDays?: number;
  /** Hosts whose https links agents may open from a transcript (links:open). */
  allowedLinkHosts?: readonly string[];
  /** Opens a URL in the system browser (Electron's shell.openExternal); absent in browser mode. */
  openExternal?: (url: string) => Promise<void>;
}

/**
 * The desktop core: cache, hub client, notifier and the services behind the IPC contract, composed
 * once per workstation. Plain Node: the Electron shell and browser mode both compose it.
 */
export function createCore(options: CoreOptions) {
  const now = options.now ?? (() => new Date());
  const db = openCache(join(options.dataDir, 'cache.sqlite'), { nativeBinding: options.nativeBinding });
  const conversations = createConversationRepository(db);
  const outbox = createOutboxRepository(db);
  const profiles = createProfileRepository(db);
  const files = createAttachmentFileRepository(db);
  const cachedCustomerHistory = createCachedCustomerHistory(db);
  const makeHttp = options.createHttpClient ?? createHubHttpClient;
  const listeners = new Set<(event: CoreEvent) => void>();
  const history = openHistory(db, createSearchRepository(db), { nativeBinding: options.nativeBinding });
  let profile: Profile | null = signedIn(profiles.get());
  let retention: Retention | null = null;
  let http: HubHttpClient | null = profile ? makeHttp(profile.hubUrl) : null;
  let stream: StreamClient | null = null;
  let isClosed = false;

  const emit = (event: CoreEvent) => listeners.forEach((listener) => listener(event));
  const connection = createConnectionState(now, () => emitSession());
  const session = (): SessionState => ({
    user: profile?.user ?? null,
    connection: { ...connection.get(), lastSeq: profiles.lastSeq() },
    agent: workstation.agent(),
    preferences: workstation.preferences(),
  });
  // Answers still on their way when the core closes (an agent refresh) must not read the closed cache.
  const emitSession = () => !isClosed && emit({ type: 'session:changed', session: session() });

  const emitChanged = (id: string) => {
    const item = conversations.item(id);
    if (item) emit({ type: 'conversation:changed', item });
  };

  const workstation = createWorkstation({
    ...options,
    // Accept/Decline on the OS notification answer the offer the way the card does (offer-answers.ts).
    notifier: answeringOffers(options.notifier, {
      accept: (id) => actions.accept(id),
      decline: (id, reason, code) => actions.decline(id, reason, code),
      opened: (id) => emit({ type: 'conversation:focus-requested', id }),
    }),
    db,
    conversations,
    now,
    user: () => profile?.user ?? null,
    hubCall: (call) => call(requireOnline(), requireProfile().token),
    emit,
    sessionChanged: emitSession,
  });

  const sync = createSync({
    db,
    conversations,
    outbox,
    profile: profiles,
    onOffers: (offers) => workstation.announceOffers(offers),
    onApplied: (changed) => changed.forEach(emitChanged),
    onProgress: (progress) => emit({ type: 'sync:progress', ...progress }),
  });

  const actions = createConversationActions({
    conversations,
    outbox,
    now,
    requireProfile,
    requireOnline,
    isClosed: () => isClosed,
    changed: emitChanged,
    fileOf: (id) => files.get(id),
  });

  const attachments = createAttachmentService({
    files,
    now,
    hub: () => {
      requireOnline();
      const { hubUrl, token } = requireProfile();
      return { baseUrl: hubUrl, token };
    },
  });

  function requireProfile(): Profile {
    if (!profile) throw new CoreError('signed_out', 'Sign in first.');
    return profile;
  }
  function requireOnline(): HubHttpClient {
    if (!http) throw new CoreError('signed_out', 'Sign in first.');
    return http;
  }

  async function resync(): Promise<void> {
    const { token } = requireProfile();
    const client = requireOnline();
    // A snapshot that lands after sign-out or a wipe belongs to a session that is over.
    const snapshot = await sync.resync(() => client.conversations(token), () => !isClosed && profile?.token === token);
    if (!snapshot) return;
    // Offers made while we were away; those already announced are skipped by the persisted claim.
    snapshot.conversations.forEach((view) => workstation.announceOffer(view.id, view.offer?.agentId ?? null));
  }

  /** Stops the stream and tells the hub the session is over; the cache is left to the caller. */
  async function endSession(): Promise<void> {
    stream?.stop();
    stream = null;
    if (profile && http) await http.signOut(profile.token).catch(() => undefined);
    profile = null;
    http = null;
    workstation.forgetAgent();
    connection.set('signed-out', { hubUrl: null });
  }

  /** Signed out, the cache kept for the same user's offline review; `why` is shown on the sign-in screen. */
  async function signOutHere(why: string | null): Promise<void> {
    const owner = profile;
    await endSession();
    if (owner) {
      profiles.transaction(() => {
        profiles.save({ ...owner, token: SIGNED_OUT_TOKEN });
        profiles.setLastSeq(0);
      });
    }
    if (why) connection.set('signed-out', { hubUrl: null, detail: why });
  }

  function connect(current: Profile): void {
    stream?.stop();
    connection.set('connecting', { hubUrl: current.hubUrl });
    stream = createStreamClient({
      hubUrl: current.hubUrl,
      token: current.token,
      lastSeq: () => profiles.lastSeq(),
      handlers: {
        onWelcome: () => {
          connection.set('online', { hubUrl: current.hubUrl });
          void actions.flush();
          void workstation.refreshAgent();
          if (options.retentionDays === undefined && retention) void adoptHubDefault(retention, () => makeHttp(current.hubUrl).call('GET', '/v1/me/settings', current.token));
        },
        onEvents: (events) => !isClosed && (sync.applyEvents(events), workstation.announceTransfers(events)),
        onResyncRequired: () => void resync().catch(() => undefined),
        onLive: (message) =>
          emit(
            message.type === 'agents'
              ? { type: 'agents:changed', agents: message.agents }
              : { type: 'typing', conversationId: message.conversationId, agentId: message.agentId, at: message.at },
          ),
        onDisconnected: (detail, retryInMs) => {
          // No retry: the hub ended this session (it expired, or an admin signed the person out).
          if (retryInMs === null) void signOutHere(detail);
          else connection.set('offline', { hubUrl: current.hubUrl, detail, retryInSeconds: Math.ceil(retryInMs / 1000) });
        },
      },
    });
    stream.start();
  }

  const hubUrlOf = (request: { hubUrl?: string }) => request.hubUrl ?? profile?.hubUrl ?? options.defaultHubUrl;

  /** A session the hub issued (by password or the identity provider) becomes this workstation's. */
  async function adopt(signed: { token: string; user: User }, hubUrl: string, client: HubHttpClient): Promise<SessionState> {
    const owner = profiles.get();
    if (owner && !sameAccount(owner, signed.user, hubUrl)) {
      // Privacy: one user's customers never show up in another user's history.
      await endSession();
      clearAll(db);
    }
    profile = { user: signed.user, hubUrl, token: signed.token };
    profiles.save(profile);
    http = client;
    connect(profile);
    return session();
  }

  const providerSignIn = createProviderSignIn({ makeHttp, hubUrlOf, adopt, openExternal: options.openExternal });

  return {
    onEvent(listener: (event: CoreEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Opens what the cache has and, if a user was signed in, reconnects in the background. */
    start(): void {
      retention ??= startRetention({
        retentionDays: options.retentionDays ?? DEFAULT_RETENTION_DAYS,
        isAwaitingHubDefault: options.retentionDays === undefined && profile !== null,
        now,
        purge: (olderThan) => purgeExpired(db, olderThan),
        onPurged: (count) => emit({ type: 'history:purged', count }),
      });
      if (profile) connect(profile);
      history.warm();
    },

    session,

    async signIn(request: { hubUrl?: string; email: string; password: string }): Promise<SessionState> {
      const hubUrl = hubUrlOf(request);
      const client = makeHttp(hubUrl);
      let signed: { token: string; user: User };
      try {
        signed = await client.signIn(request.email, request.password);
      } catch (error) {
        if (error instanceof HubRequestError) throw new CoreError(error.code, error.message);
        throw error;
      }
      return adopt(signed, hubUrl, client);
    },

    /** Sign-in with the hub's identity provider: see provider-sign-in.ts. */
    providerSignIn,

    /** Keeps the cache for this user's offline review; "Clear local data" is the wipe. */
    async signOut(): Promise<SessionState> {
      await signOutHere(null);
      return session();
    },

    /** Signs out and removes everything this workstation cached, then compacts the file. */
    async clearData(): Promise<SessionState> {
      await endSession();
      clearAll(db);
      workstation.forgetAnnouncements();
      return session();
    },

    /** Reconnect now instead of waiting out the backoff. */
    retryNow(): SessionState {
      if (!profile) throw new CoreError('signed_out', 'Sign in first.');
      if (stream && connection.get().status === 'offline') {
        connection.set('connecting', { hubUrl: profile.hubUrl });
        stream.reconnectNow();
      }
      return session();
    },

    searchHistory: history.search,
    listHistory: history.list,

    /**
     * Extension point for the area handlers (src/main/core/handlers/*): one authenticated call to
     * the hub with this session's token. Errors arrive as HubRequestError and reach the UI as codes.
     */
    hubCall<T>(call: (client: HubHttpClient, token: string) => Promise<T>): Promise<T> {
      return call(requireOnline(), requireProfile().token);
    },

    emit,
    user: (): User | null => profile?.user ?? null,

    // What the agent does to one conversation: see conversation-actions.ts.
    list: actions.list,
    get: actions.get,
    accept: actions.accept,
    decline: actions.decline,
    reply: actions.reply,
    markRead: actions.markRead,
    storeView: actions.storeView,
    exportConversation: actions.exportConversation,
    /** A returning customer's earlier conversations as this computer cached them (null: this one is not cached). */
    earlierInCache: (id: string) => cachedCustomerHistory.of(id),

    /** Files of turns, cached for offline review, and the agent's uploads: see services/attachments.ts. */
    attachments,

    /** The agent's own side (presence, preferences, links): see workstation.ts. */
    workstation,

    close(): void {
      isClosed = true;
      providerSignIn.cancel();
      retention?.stop();
      stream?.stop();
      void history.close();
      db.close();
    },
  };
}

export type Core = ReturnType<typeof createCore>;
