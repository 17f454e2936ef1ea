import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepeatAskRepository } from '../../src/hub/store/repeat-asks';
import { ALEX, clockedHub } from './repeat-asks-fixture';

let stack: Awaited<ReturnType<typeof clockedHub>>;
beforeEach(async () => {
  stack = await clockedHub();
});
afterEach(() => stack.hub.app.close());

const stored = (conversationId: string) => createRepeatAskRepository(stack.hub.db).forConversation(conversationId);
const repeatAskEvents = async (userId: string) =>
  (await stack.hub.context.events.forAgent(userId, 0, 1000)).filter((event) => event.type === 'repeat-ask:recorded');

const withAccount = {
  fields: [
    { key: 'order_id', label: 'Order', value: '555', verified: true },
    { key: 'account_number', label: 'Account number', value: '351531510', verified: true },
  ],
};

describe('repeat-asks recorded by the hub', () => {
  it('records an agent reply that asks for the order number the envelope already holds, with the message it came from', async () => {
    const id = await stack.handoff(ALEX);
    const response = await stack.reply(ALEX.email, id, 'Hi Maria. What is your order number?');
    expect(response.statusCode).toBe(201);
    expect(await stored(id)).toEqual([
      {
        conversationId: id,
        messageId: response.json().id,
        kind: 'agent_asked',
        fieldKey: 'order_id',
        agentId: ALEX.id,
        intent: 'refund_request',
        at: response.json().at,
      },
    ]);
    expect(await repeatAskEvents(ALEX.id)).toEqual([
      expect.objectContaining({ conversationId: id, kind: 'agent_asked', fieldKey: 'order_id', messageId: response.json().id, agentId: ALEX.id }),
    ]);
  });

  it('records nothing for a reply that only mentions the order it already has', async () => {
    const id = await stack.handoff(ALEX);
    expect((await stack.reply(ALEX.email, id, 'I can see your order 555.')).statusCode).toBe(201);
    expect(await stored(id)).toEqual([]);
    expect(await repeatAskEvents(ALEX.id)).toEqual([]);
  });

  it('records a customer re-stating their account number against the agent holding the chat', async () => {
    const id = await stack.handoff(ALEX, withAccount);
    await stack.customerSays(id, 'As I told the bot, my account is 3515 31510');
    expect((await stored(id)).map(({ kind, fieldKey, agentId }) => ({ kind, fieldKey, agentId }))).toEqual([
      { kind: 'customer_restated', fieldKey: 'account_number', agentId: ALEX.id },
    ]);
  });

  it('charges a restatement made while the conversation waits in the queue to no agent, and shows it to supervisors only', async () => {
    const id = await stack.handoff(null, withAccount);
    await stack.customerSays(id, 'Hello? My account number is 351531510.');
    expect(await stored(id)).toEqual([expect.objectContaining({ kind: 'customer_restated', agentId: null })]);
    const supervisorView = (await stack.hub.context.events.forQueues(['support'], 0, 1000)).filter((event) => event.type === 'repeat-ask:recorded');
    expect(supervisorView).toEqual([expect.objectContaining({ conversationId: id, agentId: null, fieldKey: 'account_number' })]);
    expect(await repeatAskEvents(ALEX.id)).toEqual([]);
  });

  it('records a retried reply once, however often the same clientMessageId is sent', async () => {
    const id = await stack.handoff(ALEX);
    await stack.reply(ALEX.email, id, 'Could you give me your order number?', 'retry-1');
    await stack.reply(ALEX.email, id, 'Could you give me your order number?', 'retry-1');
    expect(await stored(id)).toHaveLength(1);
  });

  it('records each field a single reply asks for again', async () => {
    const id = await stack.handoff(ALEX, withAccount);
    await stack.reply(ALEX.email, id, 'Please confirm your account number. And what is your order number?');
    expect((await stored(id)).map((ask) => ask.fieldKey)).toEqual(['account_number', 'order_id']);
  });
});
