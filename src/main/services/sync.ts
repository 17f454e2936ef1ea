import type Database from 'better-sqlite3';
import type { ConversationView } from '../../shared/conversation';
import type { HubEvent } from '../../shared/protocol';
import type { ConversationRepository } from '../cache/conversations';
import { inTransaction } from '../cache/database';
import type { OutboxRepository } from '../cache/outbox';
import type { ProfileRepository } from '../cache/profile';

export interface SyncDeps {
  db: Database.Database;
  conversations: ConversationRepository;
  outbox: OutboxRepository;
  profile: ProfileRepository;
  /** Called after a batch is stored, with the ids it touched and the offers it made to this user. */
  onApplied(changedIds: Set<string>, newOffers: ConversationView[]): void;
}

/**
 * Applies hub events to the local cache. A batch and the cursor that covers it commit together,
 * so a crash can replay events (every write is idempotent) but never skip one.
 */
export function createSync(deps: SyncDeps) {
  const { conversations, outbox, profile } = deps;

  function apply(event: HubEvent, changed: Set<string>, offers: ConversationView[]): void {
    // Repeat-asks feed the hub's metrics; the composer recomputes its own warning from the envelope.
    if (event.type === 'repeat-ask:recorded') return;
    changed.add(event.conversationId);
    switch (event.type) {
      case 'conversation:queued':
      case 'conversation:assigned':
        conversations.save(event.conversation);
        break;
      case 'conversation:offered':
        conversations.save(event.conversation);
        offers.push(event.conversation);
        break;
      case 'conversation:transferred':
        conversations.save(event.conversation);
        break;
      case 'conversation:state-changed':
        conversations.applyState(event.conversationId, { state: event.state, owner: event.owner, offer: event.offer, at: event.at });
        break;
      case 'conversation:resolved':
        conversations.applyState(event.conversationId, {
          state: 'resolved',
          owner: event.owner,
          offer: null,
          at: event.at,
          disposition: event.disposition,
        });
        break;
      case 'conversation:abandoned':
        conversations.applyState(event.conversationId, { state: 'abandoned', owner: event.owner, offer: null, at: event.at });
        break;
      case 'message:added':
        // Our own reply coming back from the hub: it leaves the outbox as it enters the conversation.
        if (event.message.clientMessageId && outbox.isPending(event.message.clientMessageId)) {
          outbox.markDelivered(event.message.clientMessageId, event.message);
        } else {
          conversations.addMessage(event.message);
        }
        break;
    }
  }

  return {
    applyEvents(events: HubEvent[]): void {
      if (events.length === 0) return;
      const changed = new Set<string>();
      const offers: ConversationView[] = [];
      inTransaction(deps.db, () => {
        for (const event of events) {
          if (event.seq <= profile.lastSeq()) continue;
          apply(event, changed, offers);
          profile.setLastSeq(event.seq);
        }
      });
      deps.onApplied(changed, offers);
    },

    /** Replaces what the hub says is current and moves the cursor to its seq. */
    resync(snapshot: { seq: number; conversations: ConversationView[] }): void {
      const changed = new Set<string>();
      inTransaction(deps.db, () => {
        for (const view of snapshot.conversations) {
          conversations.save(view);
          changed.add(view.id);
        }
        profile.setLastSeq(snapshot.seq);
      });
      deps.onApplied(changed, []);
    },
  };
}

export type Sync = ReturnType<typeof createSync>;
