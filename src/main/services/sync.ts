import type Database from 'better-sqlite3';
import type { ConversationView } from '../../shared/conversation';
import type { HubEvent } from '../../shared/protocol';
import type { ConversationRepository } from '../cache/conversations';
import { inTransaction } from '../cache/database';
import type { OutboxRepository } from '../cache/outbox';
import type { ProfileRepository } from '../cache/profile';
import { openOffersAtEnd } from './open-offers';

export interface SyncDeps {
  db: Database.Database;
  conversations: ConversationRepository;
  outbox: OutboxRepository;
  profile: ProfileRepository;
  /** Called after a batch is stored, with the ids it touched. */
  onApplied(changedIds: Set<string>): void;
  /**
   * Called with the offers a batch leaves open (openOffersAtEnd), inside the batch's transaction
   * and before its writes: an offer's notification need not wait for the write of its transcript.
   * The write follows in the same turn of the event loop, so by the time anything else runs, what
   * was announced is cached (or, if the write failed, the cursor has not moved and it comes again).
   */
  onOffers?(offers: ConversationView[]): void;
  /** How far a resync has got; `total` is null while the snapshot is on its way. */
  onProgress?(progress: ResyncProgress): void;
  /** Conversations stored per transaction during a resync (default 100); the event loop runs between them. */
  resyncChunkSize?: number;
  /** Wait before asking again for a snapshot that failed to arrive (attempt 0 is the first retry). */
  resyncRetryMs?(attempt: number): number;
}

export interface ResyncProgress {
  applied: number;
  total: number | null;
  done: boolean;
}

export interface Snapshot {
  seq: number;
  conversations: ConversationView[];
}

const DEFAULT_RESYNC_CHUNK = 100;

/** Lets timers, IPC and the stream run between two chunks of a resync. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** 1 s, 2 s, 4 s … at most 30 s between attempts to fetch a snapshot. */
const defaultRetryMs = (attempt: number): number => Math.min(30_000, 1000 * 2 ** attempt);

/**
 * Applies hub events to the local cache. A batch and the cursor that covers it commit together,
 * so a crash can replay events (every write is idempotent) but never skip one.
 *
 * A resync stores the snapshot in chunks so a big one neither freezes the core nor hides its
 * progress. The cursor moves only with the last chunk: a crash half-way leaves the old cursor, and
 * the hub asks for a resync again. Events streamed meanwhile wait in `held` and are applied after
 * the snapshot; applied before it, an older snapshot view would overwrite what they changed.
 */
export function createSync(deps: SyncDeps) {
  const { conversations, outbox, profile } = deps;
  const chunkSize = Math.max(1, deps.resyncChunkSize ?? DEFAULT_RESYNC_CHUNK);
  const retryMs = deps.resyncRetryMs ?? defaultRetryMs;
  let held: HubEvent[] | null = null;

  /**
   * Fetches until a snapshot arrives or the session is over. Until one is stored, streamed events
   * are held, never applied: applying them would move the cursor past the gap the hub asked us to
   * fill, and the missed events would be lost for good. Each attempt starts a fresh hold, because a
   * snapshot taken after an event was delivered already contains it.
   */
  async function fetchUntilStored(fetchSnapshot: () => Promise<Snapshot>, isCurrent: () => boolean): Promise<Snapshot | null> {
    for (let attempt = 0; ; attempt += 1) {
      if (!isCurrent()) return null;
      held = [];
      try {
        return await fetchSnapshot();
      } catch {
        await sleep(retryMs(attempt));
      }
    }
  }

  function apply(event: HubEvent, changed: Set<string>): void {
    // Repeat-asks feed the hub's metrics; the composer recomputes its own warning from the envelope.
    if (event.type === 'repeat-ask:recorded') return;
    changed.add(event.conversationId);
    switch (event.type) {
      case 'conversation:queued':
      case 'conversation:offered':
      case 'conversation:assigned':
        conversations.save(event.conversation);
        break;
      case 'conversation:transferred':
        // The note rides beside the view; stored with it, the receiving agent's card can show it
        // even when the hub's view was taken before the note was attached.
        conversations.save({ ...event.conversation, transfer: event.transfer });
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
        if (event.note) conversations.setOutcome(event.conversationId, { resolveNote: event.note });
        break;
      case 'rating:recorded':
        conversations.setOutcome(event.conversationId, { rating: event.rating });
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
        if (event.sentiment) conversations.setSentiment(event.conversationId, event.sentiment);
        break;
      case 'conversation:customer-updated':
        conversations.setCustomer(event.conversationId, event.customer);
        break;
      case 'message:delivery-changed':
        conversations.setDelivery(event.conversationId, event.messageId, event.delivery);
        break;
      case 'flag:raised':
      case 'flag:answered':
        conversations.saveFlag(event.flag);
        break;
    }
  }

  function applyNow(events: HubEvent[]): void {
    // An event at or below the cursor is a replay of what is stored (and was announced) already.
    let cursor = profile.lastSeq();
    const fresh: HubEvent[] = [];
    for (const event of events) {
      if (event.seq <= cursor) continue;
      fresh.push(event);
      cursor = event.seq;
    }
    if (fresh.length === 0) return;
    const offers = openOffersAtEnd(fresh);
    const changed = new Set<string>();
    let announceError: unknown = null;
    // Offers are told inside the batch's transaction: what the announcer records (its once-only
    // claim) commits with the batch, one commit instead of one more per statement before it.
    inTransaction(deps.db, () => {
      try {
        if (offers.length > 0) deps.onOffers?.(offers);
      } catch (error) {
        // A fault in announcing must not cost the cache its batch; it is raised once that is stored.
        announceError = error;
      }
      for (const event of fresh) apply(event, changed);
      profile.setLastSeq(cursor);
    });
    deps.onApplied(changed);
    if (announceError !== null) throw announceError;
  }

  function storeChunk(views: ConversationView[], cursor: number | null): void {
    const changed = new Set<string>();
    inTransaction(deps.db, () => {
      conversations.saveMany(views);
      if (cursor !== null) profile.setLastSeq(cursor);
    });
    for (const view of views) changed.add(view.id);
    deps.onApplied(changed);
  }

  return {
    /** Stores streamed events, or holds them until the resync under way has stored its snapshot. */
    applyEvents(events: HubEvent[]): void {
      if (held) held.push(...events);
      else applyNow(events);
    },

    get isResyncing(): boolean {
      return held !== null;
    },

    /**
     * Replaces what the hub says is current, chunk by chunk, and moves the cursor to its seq.
     * `isCurrent` is asked before every chunk: false (signed out, closed) stops without moving the
     * cursor. A snapshot that fails to arrive is asked for again, with backoff, for as long as the
     * session lasts. Returns the snapshot once stored, or null when the session ended first.
     */
    async resync(fetchSnapshot: () => Promise<Snapshot>, isCurrent: () => boolean = () => true): Promise<Snapshot | null> {
      if (held) return null;
      held = [];
      let snapshot: Snapshot | null = null;
      try {
        deps.onProgress?.({ applied: 0, total: null, done: false });
        const fetched = await fetchUntilStored(fetchSnapshot, isCurrent);
        if (!fetched) return null;
        const total = fetched.conversations.length;
        let applied = 0;
        // At least one chunk, even for an empty snapshot: it is the one that moves the cursor.
        do {
          if (!isCurrent()) return null;
          const end = Math.min(total, applied + chunkSize);
          storeChunk(fetched.conversations.slice(applied, end), end === total ? fetched.seq : null);
          applied = end;
          deps.onProgress?.({ applied, total, done: false });
          if (applied < total) await nextTurn();
        } while (applied < total);
        snapshot = fetched;
        return snapshot;
      } finally {
        const waiting = held;
        held = null;
        deps.onProgress?.({ applied: snapshot?.conversations.length ?? 0, total: snapshot?.conversations.length ?? null, done: true });
        // Events older than the snapshot are skipped by their seq; newer ones land on top of it.
        // Without a stored snapshot there is nothing for them to land on: the next resync covers them.
        if (snapshot && isCurrent()) applyNow(waiting ?? []);
      }
    },
  };
}

export type Sync = ReturnType<typeof createSync>;
