import type { Message } from '../../shared/conversation';
import type { HubEventBody } from '../../shared/protocol';
import { findRepeatAsks, findRestatedFields } from '../../shared/repeat-ask';
import type { ConversationRecord } from '../store/conversations';
import type { HubDatabase } from '../store/database';
import { createRepeatAskRepository, type RepeatAskKind } from '../store/repeat-asks';

export type RepeatAskEvent = Extract<HubEventBody, { type: 'repeat-ask:recorded' }>;

/**
 * Records repeat-asks as messages are stored: an agent asking for what the envelope holds, or a
 * customer stating a collected value again. Runs inside the caller's transaction, so a message
 * and its repeat-asks commit together; returns the events to log with them.
 */
export function createRepeatAskRecorder(db: HubDatabase) {
  const repeatAsks = createRepeatAskRepository(db);

  return {
    async noteMessage(record: ConversationRecord, message: Message): Promise<RepeatAskEvent[]> {
      const kind: RepeatAskKind | null =
        message.author === 'agent' ? 'agent_asked' : message.author === 'customer' ? 'customer_restated' : null;
      if (!kind) return [];
      const found =
        kind === 'agent_asked' ? findRepeatAsks(message.text, record.envelope) : findRestatedFields(message.text, record.envelope);
      // A restatement is charged to the agent holding the chat; while it waits in a queue, to nobody.
      const isHeld = record.state === 'assigned' || record.state === 'transferred';
      const agentId = isHeld ? record.assignedAgentId : null;
      const recorded: RepeatAskEvent[] = [];
      for (const ask of found) {
        const stored = await repeatAsks.insert({
          conversationId: record.id,
          messageId: message.id,
          kind,
          fieldKey: ask.fieldKey,
          agentId,
          intent: record.envelope.issue?.intent ?? '',
          at: message.at,
        });
        if (stored) recorded.push({ type: 'repeat-ask:recorded', kind, fieldKey: ask.fieldKey, messageId: message.id, agentId });
      }
      return recorded;
    },
  };
}

export type RepeatAskRecorder = ReturnType<typeof createRepeatAskRecorder>;
