import type { HandoffEnvelope } from '../../shared/envelope';
import { inboundAnswer, type InboundChannel } from '../channels/inbound';
import type { Integration } from '../store/accounts';
import { handoffAnswer } from './status';
import type { AdapterOutcome, PendingTranscripts, Platform } from './types';

/** What the hub answers for an adapter's outcome once it has applied it (stored, queued, appended…). */
export interface SettledOutcome {
  status: number;
  body: Record<string, unknown>;
}

export interface SettleDeps {
  ingest(envelope: HandoffEnvelope, integration: Integration): Promise<{ created: boolean; conversationId: string }>;
  inbound: InboundChannel;
  pending: PendingTranscripts;
}

/**
 * The hub's one way of applying an adapter's outcome, for every platform's webhook: a handoff is
 * ingested (a pending transcript is cleared only once it is stored), a customer's message or
 * departure goes through the inbound channel by the platform's conversation id. A platform
 * conversation that never handed off is answered 200 ignored, so the platform does not retry it.
 */
export function createOutcomeSettler(deps: SettleDeps) {
  return async function settle(outcome: AdapterOutcome, platform: Platform, integration: Integration): Promise<SettledOutcome> {
    switch (outcome.kind) {
      case 'invalid':
        return { status: 400, body: { error: { code: 'invalid_payload', message: `the ${platform} payload is not valid`, details: outcome.problems } } };
      case 'ignored':
        return { status: 200, body: { status: 'ignored', detail: outcome.detail } };
      case 'recorded':
        return { status: 202, body: { ...outcome.reply, status: 'recorded' } };
      case 'handoff': {
        const { created, conversationId } = await deps.ingest(outcome.envelope, integration);
        for (const key of outcome.pendingKeys ?? []) await deps.pending.clear(key);
        return { status: created ? 201 : 200, body: { ...handoffAnswer(platform, conversationId), conversationId, status: 'accepted' } };
      }
      case 'customer-message': {
        const target = { sourceConversationId: outcome.sourceConversationId };
        const message = await deps.inbound.keepFiles(integration, target, outcome.message);
        return inboundAnswer(await deps.inbound.message(integration, target, message));
      }
      case 'customer-left':
        return inboundAnswer(await deps.inbound.left(integration, { sourceConversationId: outcome.sourceConversationId }, outcome.detail));
    }
  };
}

export type OutcomeSettler = ReturnType<typeof createOutcomeSettler>;
