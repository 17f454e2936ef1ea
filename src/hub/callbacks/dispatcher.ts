import type { BotCallback, HubEventBody } from '../../shared/protocol';
import type { ChannelConnector, ChannelConversation, ChannelPlatform, DeliveryOutcome } from '../channels/connector';
import type { DeliveryStates } from '../channels/delivery-state';
import { connectorFor as registryConnector } from '../channels/registry';
import type { Integration } from '../store/accounts';
import type { CallbackDelivery, CallbackRepository } from '../store/callbacks';
import type { HubDatabase } from '../store/database';
import type { LoggedEvent } from '../store/events';
import type { IntegrationChannelRepository } from '../store/integration-channels';
import { callbackId, deriveCallback } from './derive';

export interface CallbackDispatcherOptions {
  db: HubDatabase;
  repository: CallbackRepository;
  channels: IntegrationChannelRepository;
  integrationById(id: string): Integration | null;
  /** What a connector needs of the conversation an item belongs to; null when it is gone. */
  conversationOf(id: string): ChannelConversation | null;
  now(): Date;
  /** Where messages' delivery states are kept and logged; without it, only the outbox knows. */
  deliveryStates?: DeliveryStates;
  connectorFor?: (platform: ChannelPlatform) => ChannelConnector | null;
  /** What an item becomes just before each attempt: a message's file links are signed then. */
  prepare?: (callback: BotCallback, now: Date) => BotCallback;
  /** Attempts before an item is given up (default 12: about an hour with the default backoff). */
  maxAttempts?: number;
  /** Delay before attempt n + 1 after n failures (default 2 s doubling, capped at 30 min). */
  backoffMs?: (failures: number) => number;
  batchSize?: number;
  concurrency?: number;
}

const defaultBackoff = (failures: number): number => Math.min(2000 * 2 ** (failures - 1), 30 * 60_000);
/** Even with nothing due, look again this often: a channel set meanwhile, a clock jump. */
const MAX_SLEEP_MS = 30_000;

/**
 * The channel outbox: status callbacks and agents' messages to each conversation's channel,
 * derived from the event log. A durable cursor over the log and an outbox table make it
 * at-least-once across restarts: an event becomes a queued item in the same transaction that moves
 * the cursor past it, and an item leaves the outbox only once its connector delivered it or the
 * platform refused it for good. Items of one conversation go strictly in order, one at a time;
 * conversations go side by side, bounded, so a slow platform never holds up the hub.
 */
export function createCallbackDispatcher(options: CallbackDispatcherOptions) {
  const { repository, channels } = options;
  const connectorFor = options.connectorFor ?? registryConnector;
  const maxAttempts = options.maxAttempts ?? 12;
  const backoff = options.backoffMs ?? defaultBackoff;
  const batchSize = options.batchSize ?? 200;
  const concurrency = options.concurrency ?? 8;
  const transact = options.deliveryStates?.transact ?? (<T>(work: (logged: LoggedEvent[]) => T): T => options.db.transaction(() => work([]))());
  /** In-process connectors bound to one integration (the demo web chat), ahead of its stored channel. */
  const bound = new Map<string, ChannelConnector>();
  const inFlight = new Map<string, Promise<void>>();
  let timer: NodeJS.Timeout | null = null;
  let isWakeQueued = false;
  let isStopped = false;

  const platformOf = (integrationId: string): ChannelPlatform | null =>
    bound.get(integrationId)?.platform ?? channels.integrationChannel(integrationId)?.platform ?? null;

  /**
   * Turns new events into queued items; synchronous and bounded per transaction. The cursor is
   * read from the store on each pass and stored with what it queued, so whichever process passes
   * next starts where the last pass ended.
   */
  function collect(): void {
    // Read before scanning; the log is written on this thread only, so nothing lands in between.
    const head = repository.headSeq();
    for (;;) {
      const after = repository.cursor();
      const rows = repository.eventsAfter(after, batchSize);
      const items: { id: string; integrationId: string; callback: BotCallback }[] = [];
      for (const row of rows) {
        if (!row.callbackUrl && !row.channelPlatform && !bound.has(row.integrationId)) continue;
        const body = JSON.parse(row.body) as HubEventBody;
        const reason = body.type === 'conversation:abandoned' ? repository.latestWaitingReason(row.conversationId, row.seq) : null;
        const callback = deriveCallback({ at: row.at, conversationId: row.conversationId, envelopeId: row.envelopeId, body }, reason);
        if (callback) items.push({ id: callbackId(row.seq), integrationId: row.integrationId, callback });
      }
      // A short page means every event up to the head was looked at: the cursor moves to the head
      // even when none of them makes an item, or each wake would rescan the whole tail of the log.
      const last = rows.at(-1)?.seq ?? after;
      const next = rows.length < batchSize ? Math.max(last, head, after) : last;
      if (items.length > 0) {
        transact((logged) => {
          const at = options.now().toISOString();
          for (const { id, integrationId, callback } of items) {
            const isNew = repository.enqueue(id, integrationId, callback, at);
            const channel = platformOf(integrationId);
            if (isNew && callback.type === 'message' && channel) {
              options.deliveryStates?.set(callback.conversationId, callback.messageId, { state: 'sent', channel }, logged);
            }
          }
          repository.saveCursor(next);
        });
      } else if (next > after) {
        repository.saveCursor(next);
      }
      if (rows.length < batchSize) return;
    }
  }

  async function deliver(delivery: CallbackDelivery): Promise<DeliveryOutcome & { channel: string | null }> {
    const channel = bound.has(delivery.integrationId) ? null : channels.integrationChannel(delivery.integrationId);
    const connector = bound.get(delivery.integrationId) ?? (channel ? connectorFor(channel.platform) : null);
    const platform = connector?.platform ?? channel?.platform ?? null;
    if (!channel && !connector) return { ok: false, error: 'The integration no longer has a channel.', retry: false, channel: platform };
    // A platform whose connector this hub lacks may get one on upgrade: keep the item until then.
    if (!connector) return { ok: false, error: `This hub has no connector for ${platform}.`, retry: true, channel: platform };
    const integration = options.integrationById(delivery.integrationId);
    const conversation = options.conversationOf(delivery.conversationId);
    if (!integration || !conversation) return { ok: false, error: 'The integration or conversation is gone.', retry: false, channel: platform };
    try {
      const context = { integration, settings: channel?.settings ?? {}, callbackUrl: channel?.callbackUrl ?? null, conversation, now: options.now() };
      const item = options.prepare ? options.prepare(delivery.callback, context.now) : delivery.callback;
      return { ...(await connector.deliver(delivery.id, item, context)), channel: platform };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error), retry: true, channel: platform };
    }
  }

  async function attempt(delivery: CallbackDelivery): Promise<void> {
    const outcome = await deliver(delivery);
    if (isStopped) return;
    const now = options.now();
    const at = now.toISOString();
    transact((logged) => {
      const setState = (state: 'delivered' | 'retrying' | 'failed', error?: string) => {
        if (delivery.messageId && outcome.channel) {
          options.deliveryStates?.set(delivery.conversationId, delivery.messageId, { state, channel: outcome.channel, error }, logged);
        }
      };
      if (outcome.ok) {
        repository.markDelivered(delivery.id, at, outcome.platformMessageId ?? null);
        setState('delivered');
      } else if (!outcome.retry || delivery.attempts + 1 >= maxAttempts) {
        repository.markGivenUp(delivery.id, at, outcome.error);
        setState('failed', outcome.error);
      } else {
        const delay = Math.max(backoff(delivery.attempts + 1), outcome.retryAfterMs ?? 0);
        repository.markFailed(delivery.id, new Date(now.getTime() + delay).toISOString(), outcome.error);
        setState('retrying', outcome.error);
      }
    });
  }

  function startDue(): void {
    const free = concurrency - inFlight.size;
    if (free <= 0) return;
    for (const delivery of repository.due(options.now().toISOString(), free + inFlight.size)) {
      if (inFlight.has(delivery.id) || inFlight.size >= concurrency) continue;
      const running = attempt(delivery)
        .catch(() => undefined)
        .finally(() => {
          inFlight.delete(delivery.id);
          schedule();
        });
      inFlight.set(delivery.id, running);
    }
  }

  function sleep(): void {
    if (timer) clearTimeout(timer);
    const next = repository.nextDueAt();
    const delay = next ? Math.max(0, new Date(next).getTime() - options.now().getTime()) : MAX_SLEEP_MS;
    // An item in flight is due "now" but waits for its attempt, which wakes the pump when it ends.
    timer = setTimeout(pump, inFlight.size > 0 && delay === 0 ? MAX_SLEEP_MS : Math.min(delay, MAX_SLEEP_MS));
    timer.unref();
  }

  function pump(): void {
    isWakeQueued = false;
    if (isStopped) return;
    try {
      collect();
      startDue();
    } finally {
      sleep();
    }
  }

  /** Look at the log soon; many wakes in one tick make one pass. */
  function schedule(): void {
    if (isWakeQueued || isStopped) return;
    isWakeQueued = true;
    setImmediate(pump);
  }

  // Publishing calls this after each change, with what it logged; the pass reads the log itself.
  const wake: (logged?: readonly LoggedEvent[]) => void = schedule;

  return {
    wake,
    /** Delivers an integration's items through `connector` in-process, whatever channel it has stored. */
    bindConnector(integrationId: string, connector: ChannelConnector): void {
      bound.set(integrationId, connector);
    },
    /**
     * A conversation's channel is back (the web-chat customer reconnected): its waiting items go
     * now instead of at their backoff, still in order, one at a time.
     */
    retryNow(conversationId: string): void {
      if (isStopped || repository.bringForward(conversationId, options.now().toISOString()) === 0) return;
      schedule();
    },
    /** Resolves once nothing is being sent (tests, shutdown). */
    async idle(): Promise<void> {
      while (inFlight.size > 0 || isWakeQueued) {
        await Promise.all(inFlight.values());
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    stop(): void {
      if (isStopped) return;
      isStopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

export type CallbackDispatcher = ReturnType<typeof createCallbackDispatcher>;
