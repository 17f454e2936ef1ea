import { ActivityHandler, EventFactory, type Activity, type Transcript, type TurnContext } from 'botbuilder';
import type { Escalations } from './escalations';
import type { HandoffMiddleware } from './handoff-middleware';

/** Words after which the bot hands off at once. */
const ASKS_FOR_A_PERSON = /\b(human|person|agent|someone|advisor|conseiller|persona)\b/i;

export interface HandoffStatusValue {
  state: string;
  message?: string;
}

/**
 * A small returns bot on the botbuilder SDK. It answers what it can; asked for a person, it hands
 * off with the handoff protocol (`EventFactory.createHandoffInitiation`, the conversation so far
 * as the transcript). It reads `handoff.status` events back, and tells the user what happens.
 */
export class ReferenceBot extends ActivityHandler {
  constructor(
    private readonly relay: HandoffMiddleware,
    private readonly escalations: Escalations,
  ) {
    super();
    this.onMessage(async (context, next) => {
      const text = context.activity.text ?? '';
      if (ASKS_FOR_A_PERSON.test(text)) await this.handOff(context);
      else await context.sendActivity('I can help with returns and deliveries. Ask for a person any time.');
      await next();
    });
    this.onEvent(async (context, next) => {
      if (context.activity.name === 'handoff.status') await this.onHandoffStatus(context, context.activity.value as HandoffStatusValue);
      await next();
    });
  }

  private async handOff(context: TurnContext): Promise<void> {
    const transcript: Transcript = { activities: (await this.relay.recentActivities(context)) as Activity[] };
    const handoffContext = { reason: 'customer_requested', skills: 'returns', summary: `Asked for a person: "${context.activity.text}"` };
    await context.sendActivity(EventFactory.createHandoffInitiation(context, handoffContext, transcript));
    await context.sendActivity('I am connecting you with a person. Please stay in this chat.');
  }

  private async onHandoffStatus(context: TurnContext, value: HandoffStatusValue): Promise<void> {
    const warmline = (context.activity.channelData as { warmline?: { agentName?: string } } | undefined)?.warmline;
    switch (value.state) {
      case 'accepted':
        await context.sendActivity(`${warmline?.agentName ?? 'An agent'} has joined the chat.`);
        return;
      case 'waiting':
        await context.sendActivity('Everyone who can help is busy right now. You keep your place in the queue.');
        return;
      case 'transferred':
        await context.sendActivity('You are being transferred to a colleague. Your conversation comes with you.');
        return;
      case 'failed':
        await this.escalations.end(context.activity.conversation.id);
        await context.sendActivity('Sorry, nobody could take this chat right now. I am here if you want to try again.');
        return;
      case 'completed':
        await this.escalations.end(context.activity.conversation.id);
        await context.sendActivity('The agent has closed this chat. Thank you! I am here if you need anything else.');
        return;
    }
  }
}
