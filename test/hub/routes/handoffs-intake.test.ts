import { afterEach, describe, expect, it } from 'vitest';
import type { HandoffEnvelope } from '../../../src/shared/envelope';
import type { RunningHub } from '../../../src/hub/server';
import { envelope, listeningHub, openStream, postHandoff, signIn } from '../../support/hub';

let running: RunningHub | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

/** A handoff whose bot sent no summary and no sentiment: the card's must be derived. */
function bare(): Omit<HandoffEnvelope, 'summary'> {
  const { summary: _summary, ...rest } = envelope({
    transcript: [
      { id: 't1', at: '2026-11-20T10:12:03Z', author: 'customer', text: 'My boots from order 555 fell apart after a week' },
      { id: 't2', at: '2026-11-20T10:12:04Z', author: 'bot', text: 'Sorry about that. Can I have the email on the order?' },
      { id: 't3', at: '2026-11-20T10:12:09Z', author: 'customer', text: 'maria@example.com, and I want to talk to a person please' },
    ],
  });
  return rest;
}

describe('POST /v1/handoffs with enrichment off the request thread', () => {
  it('stores every one of many concurrent handoffs enriched, and offers the agent an enriched card', async () => {
    running = await listeningHub();
    const stream = await openStream(running.url, await signIn(running.url));
    await stream.waitFor(() => stream.messages.find((message) => message.type === 'welcome'));

    const answers = await Promise.all(Array.from({ length: 12 }, () => postHandoff(running!.url, bare())));
    expect(answers.map((answer) => answer.status)).toEqual(Array(12).fill(201));

    for (const { json } of answers) {
      const stored = await running.hub.context.conversations.get(json.conversationId!);
      expect(stored?.envelope.summary?.source).toBe('derived');
      expect(stored?.envelope.sentiment?.source).toBe('derived');
    }
    const offered = await stream.waitFor(() => stream.events().find((event) => event.type === 'conversation:offered'));
    const card = offered.type === 'conversation:offered' ? offered.conversation.envelope : null;
    expect(card?.summary?.text.length).toBeGreaterThan(0);
    expect(card?.summary?.source).toBe('derived');
    expect(card?.sentiment?.source).toBe('derived');
    stream.close();
  });
});
