import { createHash, randomUUID } from 'node:crypto';
import type { ConversationState } from '../../shared/conversation';
import type { Attachment, HandoffEnvelope } from '../../shared/envelope';
import type { ErrorCode } from '../../shared/errors';
import type { InboundMessage } from '../adapters/types';
import type { HubContext } from '../context';
import { errorBody, httpStatusOf } from '../routes/errors';
import { ServiceError } from '../services/conversation-kernel';
import type { Integration } from '../store/accounts';
import type { ConversationRecord } from '../store/conversations';
import type { HubDatabase } from '../store/database';
import { createSourceConversationRepository } from '../store/source-conversations';
import { fillInCustomer } from './customer-named';

/** A conversation named by the hub's id (the generic route) or by the platform's own (webhooks). */
export type InboundTarget = { conversationId: string } | { sourceConversationId: string };

/** A customer's message with its files already kept by the hub, not yet linked to a conversation (see `keepFiles`). */
export type KeptMessage = InboundMessage & { files?: Attachment[] };

export type InboundResult =
  | { kind: 'stored'; conversationId: string; messageId: string; isNew: boolean }
  /** The conversation was closed: the message opened a new handoff linked to it (or, repeated, found it). */
  | { kind: 'reopened'; conversationId: string; previousConversationId: string; isNew: boolean }
  | { kind: 'left'; conversationId: string; state: ConversationState }
  /** A valid message the hub has no use for: the platform conversation never handed off, or the bot has it back. */
  | { kind: 'ignored'; detail: string }
  | { kind: 'not-found' }
  /** The lifecycle refused (the conversation changed state under the request). */
  | { kind: 'conflict'; code: ErrorCode; message: string };

const CLOSED: ReadonlySet<ConversationState> = new Set(['resolved', 'abandoned']);
const BOT_OWNS: ReadonlySet<ConversationState> = new Set(['bot', 'returned_to_bot']);
const WAITING: ReadonlySet<ConversationState> = new Set(['queued', 'offered', 'transferred']);

const LEFT_KEY = 'customer-left';

/** The idempotency key a customer's channel message is stored under: the sender's own message id. */
export const inboundKey = (sourceMessageId: string): string => `in:${sourceMessageId}`.slice(0, 100);

/**
 * The one path by which a customer's messages reach the agent after the handoff, from every
 * platform: stored once per sender's message id, in arrival order, live to the agent through the
 * event log. A message after the conversation closed opens a new handoff linked to the old one
 * (the customer wrote again), as the demo web chat does, never reviving the closed one.
 */
export function createInboundChannel(db: HubDatabase, context: HubContext) {
  const sources = createSourceConversationRepository(db);
  const { service, conversations } = context;
  const fileIds = (message: KeptMessage): string[] => (message.files ?? []).flatMap((file) => (file.id ? [file.id] : []));
  /** Files kept for a message that stores nothing (a repeat, a bot-owned chat) belong to no one. */
  const drop = async (message: KeptMessage, result: InboundResult): Promise<InboundResult> => {
    await context.attachments.store.discard(fileIds(message));
    return result;
  };
  /** Whether this message is already stored: among the conversation's messages, or the one that reopened it. */
  const isKnown = async (record: ConversationRecord, key: string): Promise<boolean> =>
    (await conversations.messageByClientId(record.id, key)) !== null ||
    (record.previousConversationId !== null && record.envelope.transcript.some((turn) => turn.id === key));

  /** The conversation a target names now: a closed one's successor when the customer already wrote again. */
  async function resolve(integration: Integration, target: InboundTarget): Promise<ConversationRecord | null> {
    const namedId = 'conversationId' in target ? target.conversationId : await sources.latestBySource(integration.id, target.sourceConversationId);
    const named = namedId === null ? null : await conversations.get(namedId);
    if (!named || named.integrationId !== integration.id) return null;
    let current = named;
    for (let hops = 0; CLOSED.has(current.state) && hops < 50; hops += 1) {
      const nextId = await sources.successorOf(current.id);
      const next = nextId === null ? null : await conversations.get(nextId);
      if (!next) break;
      current = next;
    }
    return current;
  }

  /** Tells the agent in the transcript, once per conversation however often the platform repeats it. */
  async function noteLeft(id: string, detail: string): Promise<void> {
    const { kernel } = service;
    await kernel.transact(async (logged) => {
      if (await conversations.messageByClientId(id, LEFT_KEY)) return;
      const text = `The customer left the conversation (${detail.slice(0, 200)}).`;
      const message = { id: `m_${randomUUID()}`, conversationId: id, at: kernel.now(), author: 'system' as const, text, clientMessageId: LEFT_KEY };
      await kernel.addMessage(await kernel.requireRecord(id), message, logged);
    });
  }

  const missing = (target: InboundTarget): InboundResult =>
    'conversationId' in target ? { kind: 'not-found' } : { kind: 'ignored', detail: 'this platform conversation never handed off to Warmline' };

  async function reopen(integration: Integration, closed: ConversationRecord, message: KeptMessage): Promise<InboundResult> {
    const key = inboundKey(message.sourceMessageId);
    const old = closed.envelope;
    const digest = createHash('sha256').update(`${closed.id}\n${message.sourceMessageId}`).digest('hex').slice(0, 32);
    const files = message.files?.length ? { attachments: message.files } : {};
    const turn = { id: key, at: context.now().toISOString(), author: 'customer' as const, text: message.text, ...files };
    const envelope: HandoffEnvelope = {
      v: 1,
      id: `again:${digest}`,
      ...(old.source ? { source: old.source } : {}),
      customer: old.customer,
      ...(old.issue ? { issue: old.issue } : {}),
      reason: {
        kind: 'customer_requested',
        detail: 'The customer wrote again after the conversation was closed.',
        evidenceTurnIds: [turn.id],
        attempts: 0,
        source: 'bot',
      },
      fields: old.fields ?? [],
      transcript: [turn],
      ...(old.routing ? { routing: old.routing } : {}),
      ...(old.extra ? { extra: old.extra } : {}),
    };
    const { created, conversationId } = await service.kernel.transact(async () => {
      const ingested = await service.ingest(envelope, integration, { previousConversationId: closed.id });
      if (ingested.created) await context.attachments.store.link(fileIds(message), ingested.conversationId);
      return ingested;
    });
    if (!created) await context.attachments.store.discard(fileIds(message));
    return { kind: 'reopened', conversationId, previousConversationId: closed.id, isNew: created };
  }

  /** One write that joins the services' own, whose events are published once it commits. */
  const inOneChange = (work: () => Promise<InboundResult>): Promise<InboundResult> => service.kernel.transact(work);

  /** A lifecycle refusal becomes an answer, never a crash of the request. */
  async function settled(work: () => Promise<InboundResult>): Promise<InboundResult> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ServiceError) return { kind: 'conflict', code: error.code, message: error.message };
      throw error;
    }
  }

  return {
    /**
     * The customer's files fetched and kept before the message is stored (fetching happens outside
     * any write, which must never wait on the network; storing is one write, which links them to the
     * conversation the message lands in: the one it names, or the new handoff it opens after a
     * close). A retried message, a conversation not found or one the bot has fetches nothing here.
     */
    async keepFiles(integration: Integration, target: InboundTarget, message: InboundMessage): Promise<KeptMessage> {
      if (!message.attachments?.length) return message;
      const record = await resolve(integration, target);
      if (!record || BOT_OWNS.has(record.state) || (await isKnown(record, inboundKey(message.sourceMessageId)))) return message;
      return { ...message, files: await context.attachments.keepInbound(message.attachments, null, integration.id) };
    },
    message: (integration: Integration, target: InboundTarget, message: KeptMessage): Promise<InboundResult> =>
      settled(() => inOneChange(() => receive(integration, target, message))),
    left: (integration: Integration, target: InboundTarget, detail: string): Promise<InboundResult> =>
      settled(() => inOneChange(() => leave(integration, target, detail))),
  };

  /** Decides on what it reads and stores in the same write (`message` runs it in one). */
  async function receive(integration: Integration, target: InboundTarget, message: KeptMessage): Promise<InboundResult> {
    const record = await resolve(integration, target);
    if (!record) return missing(target);
    const key = inboundKey(message.sourceMessageId);
    const existing = await conversations.messageByClientId(record.id, key);
    if (existing) return drop(message, { kind: 'stored', conversationId: record.id, messageId: existing.id, isNew: false });
    // The message that reopened this conversation is in its handoff's transcript, not among its messages.
    if (record.previousConversationId && record.envelope.transcript.some((turn) => turn.id === key)) {
      return drop(message, { kind: 'reopened', conversationId: record.id, previousConversationId: record.previousConversationId, isNew: false });
    }
    if (BOT_OWNS.has(record.state)) return drop(message, { kind: 'ignored', detail: 'the bot has this conversation: no agent is in it' });
    if (CLOSED.has(record.state)) return reopen(integration, record, message);
    // Linked first: if the lifecycle refuses the message, the link rolls back with it.
    await context.attachments.store.link(fileIds(message), record.id);
    const stored = await service.customerSays(record.id, message.text, key, message.files ?? []);
    const { sender } = message;
    const { kernel } = service;
    if (sender) await kernel.transact(async (logged) => fillInCustomer(kernel, await kernel.requireRecord(record.id), sender, logged));
    return { kind: 'stored', conversationId: record.id, messageId: stored.id, isNew: true };
  }

  /** Before an agent joined, leaving abandons the handoff; after, the agent is told in the transcript. */
  async function leave(integration: Integration, target: InboundTarget, detail: string): Promise<InboundResult> {
    const record = await resolve(integration, target);
    if (!record) return missing(target);
    if (CLOSED.has(record.state) || BOT_OWNS.has(record.state)) return { kind: 'left', conversationId: record.id, state: record.state };
    if (WAITING.has(record.state)) {
      const abandoned = await service.abandon(record.id, detail);
      return { kind: 'left', conversationId: record.id, state: abandoned.state };
    }
    await noteLeft(record.id, detail);
    return { kind: 'left', conversationId: record.id, state: record.state };
  }
}

export type InboundChannel = ReturnType<typeof createInboundChannel>;

/** How an inbound result is answered over HTTP, on the generic route and every platform's webhook alike. */
export function inboundAnswer(result: InboundResult): { status: number; body: Record<string, unknown> } {
  switch (result.kind) {
    case 'stored':
      return { status: result.isNew ? 201 : 200, body: { status: result.isNew ? 'stored' : 'duplicate', conversationId: result.conversationId, messageId: result.messageId } };
    case 'reopened':
      return {
        status: result.isNew ? 201 : 200,
        body: { status: 'reopened', conversationId: result.conversationId, previousConversationId: result.previousConversationId },
      };
    case 'left':
      return { status: 200, body: { status: 'left', conversationId: result.conversationId, state: result.state } };
    case 'ignored':
      return { status: 200, body: { status: 'ignored', detail: result.detail } };
    case 'not-found':
      return { status: httpStatusOf('not_found'), body: errorBody('not_found', 'No such conversation for this integration.') };
    case 'conflict':
      return { status: httpStatusOf(result.code), body: errorBody(result.code, result.message) };
  }
}
