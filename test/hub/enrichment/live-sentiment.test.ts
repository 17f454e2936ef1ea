import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import { seedDemo } from '../../../src/hub/demo/seed';
import { LIVE_SENTIMENT_TURNS, liveSentiment } from '../../../src/hub/enrichment/live-sentiment';
import type { Message } from '../../../src/shared/conversation';
import type { Turn } from '../../../src/shared/envelope';
import type { HubEvent } from '../../../src/shared/protocol';
import { envelope } from '../../support/hub';
import { testHub } from '../../support/test-store';

const turn = (id: string, text: string, author: Turn['author'] = 'customer'): Turn => ({ id, at: '2026-11-20T10:00:00Z', author, text });
const message = (id: string, text: string): Message => ({ id, conversationId: 'c1', at: '2026-11-20T10:05:00Z', author: 'customer', text });

describe('the customer’s sentiment after the handoff', () => {
  it('turns negative when a calm customer starts shouting at the person', () => {
    const bot = [turn('t1', 'I would like to return my boots, please'), turn('t2', 'Sure, what is the order number?', 'bot')];
    expect(liveSentiment(bot, [])?.label).toBe('neutral');
    const now = liveSentiment(bot, [message('m2', 'PERSON. NOW. 😡'), message('m1', 'This is ridiculous… I have waited twenty minutes')]);
    expect(now).toMatchObject({ label: 'negative', source: 'derived' });
    expect(now!.score).toBeLessThanOrEqual(-0.2);
  });

  it('reads only the latest turns of a very long chat', () => {
    const bot = Array.from({ length: 30 }, (_, k) => turn(`t${k}`, 'Thank you, that is wonderful, great help!'));
    const messages = Array.from({ length: 80 }, (_, k) => message(`m${k}`, 'This is useless and I am furious!!'));
    const result = liveSentiment(bot, messages);
    expect(result?.turns).toHaveLength(LIVE_SENTIMENT_TURNS);
    expect(result?.label).toBe('negative');
  });
});

describe('the hub keeps the sentiment current as the customer writes', () => {
  let hub: Hub;
  const published: HubEvent[] = [];
  beforeEach(async () => {
    hub = await testHub();
    await seedDemo(hub);
    const append = hub.context.events.append;
    hub.context.events.append = async (entry) => {
      const logged = await append(entry);
      published.push(logged.event);
      return logged;
    };
  });
  afterEach(async () => {
    published.length = 0;
    await hub.app.close();
  });

  it('stores the new figure on the conversation and sends it with the customer’s message', async () => {
    const integration = (await hub.context.accounts.integrationById('demo'))!;
    const calm = envelope({ sentiment: { score: 0.1, label: 'neutral', source: 'bot' }, routing: { queue: 'support' } });
    const { conversationId } = await hub.context.service.ingest(calm, integration);
    await hub.context.service.customerSays(conversationId, 'This is ridiculous… I want a PERSON. NOW. 😡', 'cm-1');
    const stored = await hub.context.conversations.view((await hub.context.conversations.get(conversationId))!);
    expect(stored.envelope.sentiment).toMatchObject({ label: 'negative', source: 'derived' });
    const added = published.filter((event) => event.type === 'message:added');
    expect(added.at(-1)).toMatchObject({ sentiment: { label: 'negative' } });
  });
});
