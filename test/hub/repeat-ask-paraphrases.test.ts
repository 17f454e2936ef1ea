import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepeatAskRepository } from '../../src/hub/store/repeat-asks';
import { paraphrases } from '../support/repeat-ask-paraphrases';
import { ALEX, clockedHub } from './repeat-asks-fixture';

let stack: Awaited<ReturnType<typeof clockedHub>>;
beforeEach(async () => {
  stack = await clockedHub();
});
afterEach(() => stack.hub.app.close());

/** One conversation per reply, handed to Alex, answered with `text`, then resolved. */
async function replyInOwnConversation(text: string): Promise<string> {
  const id = await stack.handoff(ALEX, paraphrases.envelope);
  expect((await stack.reply(ALEX.email, id, text)).statusCode).toBe(201);
  await stack.resolve(ALEX.email, id);
  return id;
}

describe('the repeat-ask metric on the shared paraphrase list', () => {
  it('counts every paraphrase the composer warns about as a repeat-ask, and no mere mention', async () => {
    stack.setTime('2026-11-20T10:30:00Z');
    const asked = [];
    for (const { text, field } of paraphrases.asks) asked.push({ id: await replyInOwnConversation(text), field });
    const mentioned = [];
    for (const text of paraphrases.mentions) mentioned.push(await replyInOwnConversation(text));

    const repository = createRepeatAskRepository(stack.hub.db);
    const fieldsAsked = await Promise.all(asked.map(async ({ id }) => (await repository.forConversation(id)).map((ask) => ask.fieldKey)));
    expect(fieldsAsked).toEqual(asked.map(({ field }) => [field]));
    expect((await Promise.all(mentioned.map((id) => repository.forConversation(id)))).flat()).toEqual([]);

    const report = await stack.metrics('supervisor@demo', '?from=2026-11-20T10:00:00Z&to=2026-11-20T11:00:00Z');
    expect(report.json()).toMatchObject({
      conversations: paraphrases.asks.length + paraphrases.mentions.length,
      withRepeatAsk: paraphrases.asks.length,
    });
  });
});
