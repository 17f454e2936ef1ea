import { ActivityTypes, TurnContext, type Activity, type ConversationState, type Middleware, type StatePropertyAccessor } from 'botbuilder';
import type { Escalations } from './escalations';
import { postToHub, type HubSettings } from './hub-client';

/** How many recent messages the bot keeps for the handoff's transcript. */
const TRANSCRIPT_LIMIT = 50;

/**
 * The relay of Microsoft's handoff samples (BotBuilder-Samples experimental/handoff-library,
 * LPProxyBot `HandoffMiddleware.cs`), with Warmline as the agent hub:
 * - it keeps the conversation's recent messages, so a handoff carries its transcript;
 * - a `handoff.initiate` event the bot sends goes to the hub instead of the channel, and the
 *   conversation is remembered as escalated;
 * - while escalated, each user message (and the user leaving) goes to the hub and the bot does
 *   not answer it.
 * The hub's replies come back through hub-endpoint.ts.
 */
export class HandoffMiddleware implements Middleware {
  private readonly transcript: StatePropertyAccessor<Partial<Activity>[]>;

  constructor(
    private readonly hub: HubSettings,
    private readonly escalations: Escalations,
    private readonly conversationState: ConversationState,
  ) {
    this.transcript = conversationState.createProperty<Partial<Activity>[]>('warmlineTranscript');
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    if (isRelayed(activity) && (await this.escalations.get(activity.conversation.id))) {
      await this.relay(context);
      return;
    }
    if (activity.type === ActivityTypes.Message) await this.remember(context, activity);
    context.onSendActivities(async (ctx, activities, nextSend) => {
      const toChannel: Partial<Activity>[] = [];
      for (const outgoing of activities) {
        if (outgoing.type === ActivityTypes.Event && outgoing.name === 'handoff.initiate') await this.escalate(ctx, outgoing);
        else toChannel.push(outgoing);
        if (outgoing.type === ActivityTypes.Message) await this.remember(ctx, { ...outgoing, from: ctx.activity.recipient, timestamp: new Date() });
      }
      // The hub, not the user, is the handoff event's recipient.
      activities.splice(0, activities.length, ...toChannel);
      return toChannel.length ? nextSend() : [];
    });
    await next();
    await this.conversationState.saveChanges(context);
  }

  /** Sends the handoff to the hub; the bot's `sendActivity` fails if the hub refuses it. */
  private async escalate(context: TurnContext, event: Partial<Activity>): Promise<void> {
    const answer = await postToHub(this.hub, event as Record<string, unknown>);
    if (answer.status !== 200 && answer.status !== 201) throw new Error(`The hub refused the handoff: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
    await this.escalations.put(context.activity.conversation.id, {
      reference: TurnContext.getConversationReference(context.activity),
      hubConversationId: String(answer.body.conversationId),
    });
  }

  /** A user's message (or their leaving) while an agent has the conversation: the hub gets it, unchanged. */
  private async relay(context: TurnContext): Promise<void> {
    const answer = await postToHub(this.hub, context.activity as unknown as Record<string, unknown>);
    // The hub's failed or completed status that follows a departure ends the escalation.
    if (context.activity.type !== ActivityTypes.Message) return;
    if (answer.status >= 200 && answer.status < 300) return;
    // The hub no longer has the conversation (resolved or unknown): the bot takes the user back.
    if (answer.status === 404 || answer.status === 409) {
      await this.escalations.end(context.activity.conversation.id);
      await context.sendActivity('The agent has left this chat. I am back: how can I help?');
      return;
    }
    await context.sendActivity('Your message could not reach the agent just now. Please send it again in a moment.');
  }

  private async remember(context: TurnContext, activity: Partial<Activity>): Promise<void> {
    const kept = await this.transcript.get(context, []);
    kept.push({ type: activity.type, id: activity.id, timestamp: activity.timestamp, from: activity.from, text: activity.text, locale: activity.locale });
    await this.transcript.set(context, kept.slice(-TRANSCRIPT_LIMIT));
  }

  /** The conversation so far, for `EventFactory.createHandoffInitiation`. */
  async recentActivities(context: TurnContext): Promise<Partial<Activity>[]> {
    return [...(await this.transcript.get(context, []))];
  }
}

/** What goes to the hub while escalated: the user's messages, and the user leaving the conversation. */
const isRelayed = (activity: Activity): boolean =>
  activity.type === ActivityTypes.Message ||
  activity.type === ActivityTypes.EndOfConversation ||
  (activity.type === ActivityTypes.ConversationUpdate && (activity.membersRemoved?.length ?? 0) > 0);
