import type { Platform } from './types';

export type HandoffState = 'accepted' | 'failed' | 'completed';

export interface HandoffStatus {
  state: HandoffState;
  /** Why it failed, or what the customer should be told. */
  message?: string;
  /** Warmline's id of the conversation. */
  conversationId: string;
}

/**
 * How Warmline tells each platform what became of a handoff, in the platform's own words:
 * - Bot Framework: the `handoff.status` event activity of the handoff protocol.
 * - Dialogflow CX: a WebhookResponse that sets session parameters the flow can branch on, with the
 *   message (if any) as the text the customer is shown.
 * - Chatwoot: the body of `POST .../conversations/{id}/toggle_status` (open = with a human,
 *   resolved = done, pending = back to the bot).
 * - Rasa: tracker events for `POST /conversations/{id}/tracker/events`: the bot pauses while a
 *   human has the conversation and resumes afterwards; slots carry the state for its stories.
 * - Botpress HITL: accepted is the `{ id }` answer to createRemoteConversation; failed and
 *   completed are the body of its `stop-hitl` callback.
 */
export function formatHandoffStatus(platform: Platform, status: HandoffStatus): Record<string, unknown> | Record<string, unknown>[] {
  const { state, message, conversationId } = status;
  switch (platform) {
    case 'botframework':
      return { type: 'event', name: 'handoff.status', value: message === undefined ? { state } : { state, message } };
    case 'dialogflow-cx':
      return {
        ...(message === undefined ? {} : { fulfillmentResponse: { messages: [{ text: { text: [message] } }] } }),
        sessionInfo: { parameters: { warmline_handoff_state: state, warmline_conversation_id: conversationId } },
      };
    case 'chatwoot':
      return { status: state === 'accepted' ? 'open' : state === 'completed' ? 'resolved' : 'pending' };
    case 'rasa':
      return [
        { event: 'slot', name: 'warmline_handoff_state', value: state },
        ...(message === undefined ? [] : [{ event: 'slot', name: 'warmline_handoff_message', value: message }]),
        { event: state === 'accepted' ? 'pause' : 'resume' },
      ];
    case 'botpress':
      return state === 'accepted' ? { id: conversationId } : { remoteConversationId: conversationId };
  }
}

/**
 * What the answer to a platform's handoff request carries beside `{ conversationId, status }`:
 * the parts of the status the platform reads from the HTTP answer itself. Chatwoot reads nothing
 * from a webhook answer; Rasa reads a custom action's `events` (RasaHQ/rasa `rasa/core/actions/action.py`).
 */
export function handoffAnswer(platform: Platform, conversationId: string): Record<string, unknown> {
  const accepted = { state: 'accepted' as const, conversationId };
  switch (platform) {
    case 'botframework':
      return { activity: formatHandoffStatus(platform, accepted) };
    case 'botpress':
    case 'dialogflow-cx':
      return formatHandoffStatus(platform, accepted) as Record<string, unknown>;
    case 'chatwoot':
      return {};
    // Rasa runs these events after the handoff action: the bot pauses and leaves the customer to the agent.
    case 'rasa':
      return { events: [{ event: 'pause' }] };
  }
}
