import { ActivityTypes, TurnContext, type Activity, type CloudAdapter } from 'botbuilder';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import type { ReferenceBot } from './bot';
import type { Escalations } from './escalations';

export interface HubEndpointAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * What the hub POSTs to the bot (Warmline's Bot Framework connector): an agent's message as a
 * `message` activity, a `handoff.status` event, or `typing` while the agent writes. As in Microsoft's LPProxyBot sample
 * (`LivePersonController.cs`): a message goes to the user with the adapter's
 * `continueConversationAsync` on the stored conversation reference; a status runs through the
 * bot's own turn pipeline with the reference applied, so the bot reacts as to any activity.
 * Every post is checked against the integration's signing secret, and a repeat of a delivery id is
 * acknowledged without being shown twice.
 */
export function createHubEndpoint(deps: { adapter: CloudAdapter; bot: ReferenceBot; escalations: Escalations; signingSecret: string; appId: string }) {
  const webhook = new Webhook(deps.signingSecret);
  return async function handle(rawBody: string, headers: Record<string, string | string[] | undefined>): Promise<HubEndpointAnswer> {
    const signed = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [name, [headers[name]].flat()[0] ?? '']));
    let activity: Partial<Activity>;
    try {
      activity = webhook.verify(rawBody, signed) as Partial<Activity>;
    } catch (error) {
      return { status: 401, body: { error: error instanceof WebhookVerificationError ? error.message : 'unverifiable' } };
    }
    const deliveryId = signed['webhook-id']!;
    const conversationId = activity.conversation?.id;
    // The agent typing is ephemeral: shown to the user, never kept as a delivery.
    if (activity.type === ActivityTypes.Typing) {
      const escalation = conversationId ? await deps.escalations.get(conversationId) : undefined;
      if (!escalation) return { status: 404, body: { error: 'this bot has no escalated conversation with that id' } };
      await deps.adapter.continueConversationAsync(deps.appId, escalation.reference, async (context) => {
        await context.sendActivity({ type: ActivityTypes.Typing });
      });
      return { status: 200, body: { status: 'shown' } };
    }
    if (!(await deps.escalations.firstDelivery(deliveryId))) return { status: 200, body: { status: 'repeat' } };
    const escalation = conversationId ? await deps.escalations.get(conversationId) : undefined;
    if (!conversationId || !escalation) return { status: 404, body: { error: 'this bot has no escalated conversation with that id' } };

    if (activity.type === ActivityTypes.Message) {
      await deps.adapter.continueConversationAsync(deps.appId, escalation.reference, async (context) => {
        await context.sendActivity({ type: ActivityTypes.Message, text: withSpeaker(activity), textFormat: 'plain', attachments: activity.attachments ?? [] });
      });
    } else if (activity.type === ActivityTypes.Event && activity.name === 'handoff.status') {
      const incoming = TurnContext.applyConversationReference({ ...activity, id: deliveryId }, escalation.reference, true) as Activity;
      await deps.adapter.processActivityDirect('', incoming, (context) => deps.bot.run(context));
    } else {
      return { status: 400, body: { error: `unexpected activity ${String(activity.type)}` } };
    }
    await deps.escalations.delivered(deliveryId);
    return { status: 200, body: { status: 'delivered' } };
  };
}

/**
 * The person's name before their words. Sending on the stored reference makes the bot the sender
 * (botbuilder-core TurnContext.applyConversationReference sets `from` to `reference.bot`), and
 * LPProxyBot relays an agent's text alone (`MessageFactory.Text`): without the name the user cannot
 * tell the agent from the bot, nor a barging supervisor from the agent.
 */
export function withSpeaker(activity: Partial<Activity>): string {
  const name = activity.from?.name?.trim();
  const text = activity.text ?? '';
  if (!name) return text;
  const author = (activity.channelData as { warmline?: { author?: unknown } } | undefined)?.warmline?.author;
  const speaker = author === 'supervisor' ? `${name} (supervisor)` : name;
  return text ? `${speaker}: ${text}` : `${speaker} sent a file.`;
}
