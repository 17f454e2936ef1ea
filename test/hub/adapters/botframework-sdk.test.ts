import { ActivityTypes, EventFactory, MessageFactory, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { botframeworkAdapter } from '../../../src/hub/adapters/botframework';
import { expectHandoff, makeContext, texts } from './helpers';

/**
 * The handoff as the real SDK builds it (botbuilder's EventFactory.createHandoffInitiation on a
 * TurnContext), sent through JSON as a bot's HTTP client would.
 */

const translate = (activity: Partial<Activity>) => botframeworkAdapter.translate(JSON.parse(JSON.stringify(activity)), makeContext());

function userTurn(overrides: Partial<Activity> = {}): TurnContext {
  const adapter = new TestAdapter(async () => undefined);
  const activity: Partial<Activity> = {
    type: ActivityTypes.Message,
    id: 'user-activity-7',
    text: 'I want a person',
    locale: 'fr-FR',
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: 'user-42', name: 'Amélie Durand', role: 'user' },
    recipient: { id: 'returns-bot-id', name: 'Returns Bot', role: 'bot' },
    conversation: { id: 'conv-77', isGroup: false, conversationType: 'personal', name: '' },
    ...overrides,
  };
  return new TurnContext(adapter, activity);
}

const transcript = {
  activities: [
    MessageFactory.text('Où est mon colis ?') as Activity,
    MessageFactory.text('Je vous passe un conseiller.') as Activity,
  ].map((activity, index) => ({
    ...activity,
    id: `t${index}`,
    timestamp: new Date(Date.UTC(2026, 10, 20, 10, 0, index)),
    from: index === 0 ? { id: 'user-42', name: 'Amélie Durand', role: 'user' } : { id: 'returns-bot-id', name: 'Returns Bot', role: 'bot' },
  })),
};

describe('Bot Framework handoff built by the botbuilder SDK', () => {
  it('names the bot from the conversation reference, not the user the SDK puts in `from`', async () => {
    const event = EventFactory.createHandoffInitiation(userTurn(), { Skill: 'returns' }, transcript as never);
    const envelope = expectHandoff(await translate(event));
    expect(event.from).toMatchObject({ id: 'user-42' });
    expect(envelope.source).toEqual({ platform: 'botframework', bot: 'Returns Bot', conversationId: 'conv-77' });
    expect(envelope.customer).toMatchObject({ id: 'user-42', name: 'Amélie Durand' });
    expect(texts(envelope)).toEqual([
      ['customer', 'Où est mon colis ?'],
      ['bot', 'Je vous passe un conseiller.'],
    ]);
  });

  it('takes the customer’s language from the locale of the user’s activity in relatesTo', async () => {
    const envelope = expectHandoff(await translate(EventFactory.createHandoffInitiation(userTurn(), { skills: 'returns' })));
    expect(envelope.customer.language).toBe('fr-FR');
    expect(envelope.routing?.language).toBe('fr-FR');
    expect(envelope.routing?.skills).toEqual(['returns']);
  });

  it('gives a handoff the bot retries by calling the SDK again the same id, though the activity id is new', async () => {
    const context = userTurn();
    const first = EventFactory.createHandoffInitiation(context, { reason: 'customer_requested' }, transcript as never);
    const again = EventFactory.createHandoffInitiation(context, { reason: 'customer_requested' }, transcript as never);
    expect(again.id).not.toBe(first.id);
    expect(expectHandoff(await translate(again)).id).toBe(expectHandoff(await translate(first)).id);
    const laterTurn = EventFactory.createHandoffInitiation(userTurn({ id: 'user-activity-9' }), {}, transcript as never);
    expect(expectHandoff(await translate(laterTurn)).id).not.toBe(expectHandoff(await translate(first)).id);
  });
});
