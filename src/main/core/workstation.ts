import type Database from 'better-sqlite3';
import type { ConversationView, Presence, User } from '../../shared/conversation';
import type { CoreEvent, Preferences } from '../../shared/ipc';
import type { HubEvent } from '../../shared/protocol';
import type { ConversationRepository } from '../cache/conversations';
import { createPreferencesRepository } from '../cache/preferences';
import type { HubHttpClient } from '../hub-client/http-client';
import { createAnnouncer } from '../notify/announcer';
import type { Notifier } from '../notify/notifier';
import { createAgentSelf } from '../services/agent-self';
import { createLinkOpener } from '../services/links';

export interface WorkstationDeps {
  db: Database.Database;
  conversations: ConversationRepository;
  notifier: Notifier;
  now: () => Date;
  user(): User | null;
  hubCall<T>(call: (client: HubHttpClient, token: string) => Promise<T>): Promise<T>;
  emit(event: CoreEvent): void;
  /** Tells the UI the session (agent state, preferences) changed. */
  sessionChanged(): void;
  allowedLinkHosts?: readonly string[];
  openExternal?: (url: string) => Promise<void>;
}

/**
 * The agent's own side of the core: preferences, their presence and load, what is announced as an
 * OS notification, and which links may leave the app. Kept apart from create-core so that the
 * session and sync plumbing there stays readable.
 */
export function createWorkstation(deps: WorkstationDeps) {
  const preferences = createPreferencesRepository(deps.db);
  const agentSelf = createAgentSelf({ hubCall: deps.hubCall, user: deps.user, onChanged: deps.sessionChanged });
  const announcer = createAnnouncer({
    notifier: deps.notifier,
    claim: (key) => preferences.claimAnnouncement(key, deps.now().getTime()),
    preferences: preferences.get,
    userId: () => deps.user()?.id ?? null,
    now: deps.now,
    focus: (id) => deps.emit({ type: 'conversation:focus-requested', id }),
  });

  return {
    preferences: preferences.get,
    agent: agentSelf.get,
    /** Called on every (re)connection: the hub is the source of truth for presence and load. */
    refreshAgent: agentSelf.refresh,
    /** Called on sign-out: presence belongs to the session. */
    forgetAgent: agentSelf.forget,
    /** Called on "Clear local data". */
    forgetAnnouncements: preferences.forgetAnnouncements,

    /**
     * Announces offers from the hub's views of them, as a batch of events leaves them (sync's
     * onOffers), before the batch is written to the cache: the notification does not wait for the
     * transcript's write. Offers to someone else (a supervisor's stream carries every offer of
     * their queues) are passed over by the announcer without a cache read.
     */
    announceOffers(views: readonly ConversationView[]): void {
      for (const view of views) announcer.offered(view);
    },
    /**
     * Announces what the cache holds for `id` (offers found by a resync). `offeredTo` is whom the
     * snapshot offered it to: loading each whole conversation of a supervisor's snapshot only to
     * find it is someone else's was a tenth of the core's time under a busy floor.
     */
    announceOffer(id: string, offeredTo?: string | null): void {
      if (offeredTo !== undefined && offeredTo !== deps.user()?.id) return;
      const current = deps.conversations.get(id);
      if (current) announcer.offered(current);
    },
    /** Warm transfers in a batch of hub events, announced to the receiving agent. */
    announceTransfers(events: readonly HubEvent[]): void {
      for (const event of events) if (event.type === 'conversation:transferred') announcer.transferred(event.conversation, event.transfer);
    },

    async setPresence(presence: Exclude<Presence, 'offline'>, reason?: string): Promise<void> {
      await agentSelf.setPresence(presence, reason);
    },

    setPreferences(change: Partial<Preferences>): void {
      preferences.update(change);
      deps.sessionChanged();
    },

    openLink: createLinkOpener({ allowedHosts: deps.allowedLinkHosts ?? [], open: deps.openExternal }),
  };
}
