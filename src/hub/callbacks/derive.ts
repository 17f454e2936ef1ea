import type { BotCallback, HubEventBody } from '../../shared/protocol';
import { callbackFiles } from '../attachments/signed-links';

export interface CallbackSource {
  at: string;
  conversationId: string;
  envelopeId: string;
  body: HubEventBody;
}

/**
 * What the conversation's channel is told about one event, or null when nothing.
 * Pure. `lastWaitingReason` is what routing last said when nobody eligible was free: a handoff
 * that ends without an agent is reported as failed for that reason, which is what a bot can act
 * on ("no agent with the skill fraud"), rather than only "the customer left".
 */
export function deriveCallback(source: CallbackSource, lastWaitingReason: string | null): BotCallback | null {
  const { at, conversationId, envelopeId, body } = source;
  switch (body.type) {
    case 'conversation:assigned':
      return { type: 'accepted', conversationId, envelopeId, agentName: body.conversation.owner.name, at };
    case 'routing:waiting':
      return { type: 'waiting', conversationId, envelopeId, reason: body.reason, at };
    case 'conversation:abandoned':
      return {
        type: 'failed',
        conversationId,
        envelopeId,
        reason: lastWaitingReason
          ? `No agent took the conversation before the customer left: ${lastWaitingReason}.`
          : 'The customer left before an agent joined.',
        at,
      };
    case 'conversation:resolved':
      return { type: 'completed', conversationId, envelopeId, disposition: body.disposition, at };
    case 'conversation:transferred':
      return { type: 'transferred', conversationId, envelopeId, to: body.transfer.to.name, at };
    case 'message:added': {
      // Only what the customer is meant to read: agents' and visible supervisors' messages, never a whisper.
      const { message } = body;
      if ((message.author !== 'agent' && message.author !== 'supervisor') || message.visibility === 'staff') return null;
      return {
        type: 'message',
        conversationId,
        envelopeId,
        messageId: message.id,
        author: message.author,
        authorName: message.authorName ?? (message.author === 'agent' ? 'Agent' : 'Supervisor'),
        text: message.text,
        // Links are signed when each delivery is attempted (CallbackDispatcherOptions.prepare).
        ...(message.attachments?.length ? { attachments: callbackFiles(message.attachments) } : {}),
        at: message.at,
      };
    }
    default:
      return null;
  }
}

/** One callback per event and integration: the receiver drops a repeat by this id. */
export const callbackId = (seq: number): string => `cb_${seq}`;
