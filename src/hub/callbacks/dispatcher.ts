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
  integrationById(id: string): Promise<Integration | null>;
  /** What a connector needs of the conversation an item belongs to; null when it is gone. */
  conversationOf(id: string): Promise<ChannelConversation | null>;
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
  /** A pass that failed (the store away): it is retried, and reported here. */
  onError?: (error: unknown) => void;
  /** Replicas: passes run only while this is true; wake the dispatcher when it becomes true. */
  isLeader?: () => boolean;
}

const defaultBackoff = (failures: number): number => Math.min(2000 * 2 ** (failures - 1), 30 * 60_000);
/** Even with nothing due, look again this often: a channel set meanwhile, a clock jump. */
const MAX_SLEEP_MS = 30_000;
/** After a pass failed (the store away), the next one comes this soon. */
const RETRY_PASS_MS = 1_000;

/**
 * The channel outbox: status callbacks and agents' messages to each conversation's channel,
 * derived from the event log. A durable cursor over the log and an outbox table make it
 * at-least-once across restarts: an event becomes a queued item in the same transaction that moves
 * the cursor past it, and an item leaves the outbox only once its connector delivered it or the
 * platform refused it for good. Items of one conversation go strictly in order, one at a time;
 * conversations go side by side, bounded, so a slow platform never holds up the hub. Passes run one
 * at a time; a wake during a pass makes one more pass after it.
 */
export function createCallbackDispatcher(options: CallbackDispatcherOptions) {
  const { repository, channels } = options;
  const connectorFor = options.connectorFor ?? registryConnector;
  const maxAttempts = options.maxAttempts ?? 12;
  const backoff = options.backoffMs ?? defaultBackoff;
  const batchSize = options.batchSize ?? 200;
  const concurrency = options.concurrency ?? 8;
  const transact = options.deliveryStates?.transact ?? (<T>(work: (logged: LoggedEvent[]) => Promise<T>): Promise<T> => options.db.write(() => work([])));
  /** In-process connectors bound to one integration (the demo web chat), ahead of its stored channel. */
  const bound = new Map<string, ChannelConnector>();
  const inFlight = new Map<string, Promise<void>>();
  /** Outcomes being written: the store must not close under them. */
  const settling = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | null = null;
  let isWakeQueued = false;
  let pass: Promise<void> | null = null;
  let isPassAgain = false;
  let isStopped = false;

  const platformOf = async (integrationId: string): Promise<ChannelPlatform | null> =>
    bound.get(integrationId)?.platform ?? (await channels.integrationChannel(integrationId))?.platform ?? null;

  /** Whether an event of this integration can become an item: only then does its page need the writer. */
  const hasChannel = (row: { callbackUrl: string | null; channelPlatform: string | null; integrationId: string }) =>
    Boolean(row.callbackUrl || row.channelPlatform || bound.has(row.integrationId));

  /**
   * Turns the next page of new events into queued items, in one write with the cursor it moves: the
   * write is the floor's single writer, so two processes never take the same page, and whichever
   * passes next starts where the last pass ended. True when a full page leaves more to read.
   */
  const collectPage = (): Promise<boolean> =>
    transact(async (logged) => {
      // Inside the write nothing commits meanwhile: the head read here is the log's end for this page.
      const head = await repository.headSeq();
      const after = await repository.cursor();
      if (head <= after) return false;
      const rows = await repository.eventsAfter(after, batchSize);
      const at = options.now().toISOString();
      for (const row of rows) {
        if (!hasChannel(row)) continue;
        const body = JSON.parse(row.body) as HubEventBody;
        const reason = body.type === 'conversation:abandoned' ? await repository.latestWaitingReason(row.conversationId, row.seq) : null;
        const callback = deriveCallback({ at: row.at, conversationId: row.conversationId, envelopeId: row.envelopeId, body }, reason);
        if (!callback) continue;
        const isNew = await repository.enqueue(callbackId(row.seq), row.integrationId, callback, at);
        const channel = await platformOf(row.integrationId);
        if (isNew && callback.type === 'message' && channel) {
          await options.deliveryStates?.set(callback.conversationId, callback.messageId, { state: 'sent', channel }, logged);
        }
      }
      // A short page means every event up to the head was looked at: the cursor moves to the head
      // even when none of them makes an item, or each wake would rescan the whole tail of the log.
      const last = rows.at(-1)?.seq ?? after;
      await repository.saveCursor(rows.length < batchSize ? Math.max(last, head) : last);
      return rows.length === batchSize;
    });

  async function collect(): Promise<void> {
    for (let isMore = true; isMore && !isStopped; ) {
      // Read outside any write first: most wakes find nothing new for the outbox, and take no lock.
      const head = await repository.headSeq();
      const after = await repository.cursor();
      if (head <= after) return;
      const rows = await repository.eventsAfter(after, batchSize);
      if (rows.some(hasChannel)) {
        isMore = await collectPage();
        continue;
      }
      // No event of the page can make an item (bots without a channel): the cursor moves past it
      // without holding the floor's writer. Only the outbox's leader moves it, and a cursor left
      // behind by a leader that lost its lock only rescans events that make nothing.
      const last = rows.at(-1)?.seq ?? after;
      await repository.saveCursor(rows.length < batchSize ? Math.max(last, head) : last);
      isMore = rows.length === batchSize;
    }
  }

  async function deliver(delivery: CallbackDelivery): Promise<DeliveryOutcome & { channel: string | null }> {
    const channel = bound.has(delivery.integrationId) ? null : await channels.integrationChannel(delivery.integrationId);
    const connector = bound.get(delivery.integrationId) ?? (channel ? connectorFor(channel.platform) : null);
    const platform = connector?.platform ?? channel?.platform ?? null;
    if (!channel && !connector) return { ok: false, error: 'The integration no longer has a channel.', retry: false, channel: platform };
    // A platform whose connector this hub lacks may get one on upgrade: keep the item until then.
    if (!connector) return { ok: false, error: `This hub has no connector for ${platform}.`, retry: true, channel: platform };
    const integration = await options.integrationById(delivery.integrationId);
    const conversation = await options.conversationOf(delivery.conversationId);
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
    const settled = transact(async (logged) => {
      const setState = async (state: 'delivered' | 'retrying' | 'failed', error?: string) => {
        if (delivery.messageId && outcome.channel) {
          await options.deliveryStates?.set(delivery.conversationId, delivery.messageId, { state, channel: outcome.channel, error }, logged);
        }
      };
      if (outcome.ok) {
        await repository.markDelivered(delivery.id, at, outcome.platformMessageId ?? null);
        await setState('delivered');
      } else if (!outcome.retry || delivery.attempts + 1 >= maxAttempts) {
        await repository.markGivenUp(delivery.id, at, outcome.error);
        await setState('failed', outcome.error);
      } else {
        const delay = Math.max(backoff(delivery.attempts + 1), outcome.retryAfterMs ?? 0);
        await repository.markFailed(delivery.id, new Date(now.getTime() + delay).toISOString(), outcome.error);
        await setState('retrying', outcome.error);
      }
    });
    settling.add(settled);
    try {
      await settled;
    } finally {
      settling.delete(settled);
    }
  }

  async function startDue(): Promise<void> {
    const free = concurrency - inFlight.size;
    if (free <= 0) return;
    for (const delivery of await repository.due(options.now().toISOString(), free + inFlight.size)) {
      if (inFlight.has(delivery.id) || inFlight.size >= concurrency) continue;
      const running = attempt(delivery)
        .catch((error: unknown) => options.onError?.(error))
        .finally(() => {
          inFlight.delete(delivery.id);
          schedule();
        });
      inFlight.set(delivery.id, running);
    }
  }

  async function sleepFor(): Promise<number> {
    const next = await repository.nextDueAt();
    const delay = next ? Math.max(0, new Date(next).getTime() - options.now().getTime()) : MAX_SLEEP_MS;
    // An item in flight is due "now" but waits for its attempt, which wakes the pump when it ends.
    return inFlight.size > 0 && delay === 0 ? MAX_SLEEP_MS : Math.min(delay, MAX_SLEEP_MS);
  }

  function sleep(ms: number): void {
    if (timer) clearTimeout(timer);
    if (isStopped) return;
    timer = setTimeout(schedule, ms);
    timer.unref();
  }

  async function pump(): Promise<void> {
    // A follower leaves the outbox to the leader; it is woken when it takes the job over.
    if (options.isLeader && !options.isLeader()) return;
    try {
      await collect();
      await startDue();
      sleep(await sleepFor());
    } catch (error) {
      options.onError?.(error);
      sleep(RETRY_PASS_MS);
    }
  }

  function startPass(): void {
    isWakeQueued = false;
    if (isStopped) return;
    pass = pump().finally(() => {
      pass = null;
      if (isPassAgain) {
        isPassAgain = false;
        schedule();
      }
    });
  }

  /** Look at the log soon; many wakes in one tick make one pass, and a wake during a pass one more. */
  function schedule(): void {
    if (isStopped) return;
    if (pass) {
      isPassAgain = true;
      return;
    }
    if (isWakeQueued) return;
    isWakeQueued = true;
    setImmediate(startPass);
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
    async retryNow(conversationId: string): Promise<void> {
      if (isStopped || (await repository.bringForward(conversationId, options.now().toISOString())) === 0) return;
      schedule();
    },
    /** Resolves once nothing is being sent (tests, shutdown). */
    async idle(): Promise<void> {
      while (inFlight.size > 0 || isWakeQueued || pass) {
        await Promise.all([...inFlight.values(), pass]);
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    /** Stops passes and waits for the store work under way (not for platforms still answering). */
    async stop(): Promise<void> {
      isStopped = true;
      if (timer) clearTimeout(timer);
      await pass;
      await Promise.allSettled([...settling]);
    },
  };
}

export type CallbackDispatcher = ReturnType<typeof createCallbackDispatcher>;
