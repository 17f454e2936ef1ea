import type { BotCallback } from '../../shared/protocol';

/**
 * What the hub sends a relaying bot, as Bot Framework activities the bot can hand to its adapter
 * unchanged. Shapes from microsoft/botbuilder-js:
 * - `libraries/botbuilder/src/eventFactory.ts` `createHandoffStatus(conversation, state, message)`:
 *   `{ type: 'event', name: 'handoff.status', value: { state, message }, conversation, attachments: [], entities: [] }`
 *   with the states accepted / failed / completed of the handoff protocol;
 * - `libraries/botbuilder-core/src/messageFactory.ts` (`text`, `attachment`) and
 *   `libraries/botframework-schema/src/index.ts` (Activity, Attachment: `contentType`, `contentUrl`, `name`)
 *   for the agent's messages.
 * A queue wait and a transfer go out as handoff.status with states of their own (`waiting`,
 * `transferred`), as Microsoft's LPProxyBot sample (BotBuilder-Samples experimental/handoff-library
 * `LivePersonController.cs`) sends `typing`: the protocol asks bots never to reject a status.
 * `channelData.warmline` carries what the protocol has no field for.
 */

export type BotFrameworkActivity = Record<string, unknown> & { type: 'event' | 'message' | 'typing' };

/** The agent is typing: botframework-schema's ActivityTypes.Typing, which the bot forwards to the user as is. */
export const typingActivity = (id: string, conversationId: string, at: Date): BotFrameworkActivity => ({
  id,
  type: 'typing',
  timestamp: at.toISOString(),
  conversation: { id: conversationId },
});

export function activityFor(id: string, item: BotCallback, conversationId: string): BotFrameworkActivity {
  const base = { id, timestamp: item.at, conversation: { id: conversationId }, attachments: [] as unknown[], entities: [] as unknown[] };
  const warmline = { conversationId: item.conversationId, envelopeId: item.envelopeId };
  const status = (state: string, message: string | undefined, extra: Record<string, unknown> = {}): BotFrameworkActivity => ({
    ...base,
    type: 'event',
    name: 'handoff.status',
    value: message === undefined ? { state } : { state, message },
    channelData: { warmline: { ...warmline, ...extra } },
  });
  switch (item.type) {
    case 'accepted':
      return status('accepted', undefined, { agentName: item.agentName });
    case 'waiting':
      return status('waiting', item.reason);
    case 'failed':
      return status('failed', item.reason);
    case 'completed':
      return status('completed', undefined, { disposition: item.disposition });
    case 'transferred':
      return status('transferred', undefined, { to: item.to });
    case 'message':
      return {
        ...base,
        type: 'message',
        id: item.messageId,
        text: item.text,
        textFormat: 'plain',
        from: { id: `warmline-${item.author}`, name: item.authorName },
        attachments: (item.attachments ?? []).map((file) => ({ contentType: file.contentType, contentUrl: file.url, name: file.name })),
        channelData: { warmline: { ...warmline, author: item.author } },
      };
  }
}
