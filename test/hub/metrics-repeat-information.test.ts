import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/hub/auth/passwords';
import { tempDir } from '../support/hub';
import { ALEX, SAM, clockedHub } from './repeat-asks-fixture';

type Stack = Awaited<ReturnType<typeof clockedHub>>;
const open: Stack[] = [];
afterEach(async () => {
  for (const stack of open.splice(0)) await stack.hub.app.close();
});
async function start(databaseFile?: string): Promise<Stack> {
  const stack = await clockedHub(databaseFile);
  open.push(stack);
  return stack;
}

const PERIOD = '?from=2026-11-20T10:00:00Z&to=2026-11-20T12:00:00Z';
const withAccount = {
  fields: [
    { key: 'order_id', label: 'Order', value: '555', verified: true },
    { key: 'account_number', label: 'Account number', value: '351531510', verified: true },
  ],
};

/**
 * Four conversations assigned between 10:00 and 12:00, two with a repeat-ask: Alex asks for an
 * order number (C1) and a customer restates an account number to Alex (C4); Alex's C2 and Sam's
 * C3 have none in the period. Around them, what the rate must leave out: a repeat-ask in a
 * conversation assigned before the period, one in a conversation never assigned, and Sam's
 * repeat-ask after the period ended.
 */
async function knownPeriod(stack: Stack): Promise<void> {
  stack.setTime('2026-11-20T09:30:00Z');
  const early = await stack.handoff(ALEX);
  await stack.reply(ALEX.email, early, 'What is your order number?');
  await stack.resolve(ALEX.email, early);

  stack.setTime('2026-11-20T10:05:00Z');
  const c1 = await stack.handoff(ALEX);
  await stack.reply(ALEX.email, c1, 'Could you give me your order number?');
  await stack.resolve(ALEX.email, c1);
  stack.setTime('2026-11-20T10:20:00Z');
  const c2 = await stack.handoff(ALEX);
  await stack.reply(ALEX.email, c2, 'I can see your order 555.');
  stack.setTime('2026-11-20T10:40:00Z');
  const c3 = await stack.handoff(SAM, { issue: { title: 'Where is my parcel?', intent: 'delivery_status' } });
  await stack.reply(SAM.email, c3, 'Let me check where it is.');
  stack.setTime('2026-11-20T11:00:00Z');
  const c4 = await stack.handoff(ALEX, { ...withAccount, issue: { title: 'Card declined' } });
  await stack.customerSays(c4, 'My account number is 351531510, like I said.');

  stack.setTime('2026-11-20T11:30:00Z');
  const neverAssigned = await stack.handoff(null, withAccount);
  await stack.customerSays(neverAssigned, 'It is 351531510!');

  stack.setTime('2026-11-20T12:30:00Z');
  await stack.reply(SAM.email, c3, "What's your order number?");
}

const EXPECTED = {
  from: '2026-11-20T10:00:00.000Z',
  to: '2026-11-20T12:00:00.000Z',
  conversations: 4,
  withRepeatAsk: 2,
  rate: 0.5,
  byAgent: [
    { agentId: ALEX.id, agentName: 'Alex Agent', conversations: 3, withRepeatAsk: 2, rate: 2 / 3 },
    { agentId: SAM.id, agentName: 'Sam Agent', conversations: 1, withRepeatAsk: 0, rate: 0 },
  ],
  byIntent: [
    { intent: 'refund_request', conversations: 2, withRepeatAsk: 1, rate: 0.5 },
    { intent: '', conversations: 1, withRepeatAsk: 1, rate: 1 },
    { intent: 'delivery_status', conversations: 1, withRepeatAsk: 0, rate: 0 },
  ],
};

describe('GET /v1/metrics/repeat-information', () => {
  it('gives the repeat-information rate of a period, per agent and per bot intent', async () => {
    const stack = await start();
    await knownPeriod(stack);
    const response = await stack.metrics('supervisor@demo', PERIOD);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(EXPECTED);
  });

  it('gives the same figures as CSV, one row for the period, then per agent and per intent', async () => {
    const stack = await start();
    await knownPeriod(stack);
    const response = await stack.metrics('supervisor@demo', `${PERIOD}&format=csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.body.split('\r\n')).toEqual([
      'scope,key,label,conversations,with_repeat_ask,rate',
      'all,,2026-11-20T10:00:00.000Z to 2026-11-20T12:00:00.000Z,4,2,0.5000',
      'agent,u_agent,Alex Agent,3,2,0.6667',
      'agent,u_agent2,Sam Agent,1,0,0.0000',
      'intent,refund_request,refund_request,2,1,0.5000',
      'intent,,(no intent),1,1,1.0000',
      'intent,delivery_status,delivery_status,1,0,0.0000',
      '',
    ]);
  });

  it('keeps the figures across a restart of a hub on a SQLite file, because they are computed from the store', async () => {
    const file = `${tempDir()}/hub.sqlite`;
    const first = await start(file);
    await knownPeriod(first);
    await first.hub.app.close();
    open.splice(open.indexOf(first), 1);
    const second = await start(file);
    expect((await second.metrics('supervisor@demo', PERIOD)).json()).toEqual(EXPECTED);
  });

  it('shows a supervisor only the conversations of their own queues', async () => {
    const stack = await start();
    await knownPeriod(stack);
    await stack.hub.context.accounts.saveQueue('billing', 'Billing');
    const passwordHash = await hashPassword('demo');
    await stack.hub.context.accounts.saveUser({ id: 'u_billing', email: 'billing@demo', name: 'Bo Billing', role: 'supervisor', capacity: 0, passwordHash, queues: ['billing'] });
    const response = await stack.metrics('billing@demo', PERIOD);
    expect(response.json()).toMatchObject({ conversations: 0, withRepeatAsk: 0, rate: null, byAgent: [], byIntent: [] });
  });

  it('answers 401 without a session and 403 to an agent', async () => {
    const stack = await start();
    expect((await stack.metrics(null, PERIOD)).statusCode).toBe(401);
    const asAgent = await stack.metrics(ALEX.email, PERIOD);
    expect(asAgent.statusCode).toBe(403);
    expect(asAgent.json().error.code).toBe('forbidden');
  });

  it('refuses a period that is not dates, ends before it starts, or names unknown parameters', async () => {
    const stack = await start();
    expect((await stack.metrics('supervisor@demo', '?from=yesterday')).statusCode).toBe(400);
    expect((await stack.metrics('supervisor@demo', '?from=2026-11-21&to=2026-11-20')).json().error.code).toBe('invalid_period');
    expect((await stack.metrics('supervisor@demo', '?agent=u_agent')).statusCode).toBe(400);
  });

  it('defaults to the seven days up to now', async () => {
    const stack = await start();
    await knownPeriod(stack);
    stack.setTime('2026-11-21T00:00:00Z');
    const body = (await stack.metrics('supervisor@demo')).json();
    // The whole day now: the early conversation and Sam's late repeat-ask count as well.
    expect(body).toMatchObject({ from: '2026-11-14T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z', conversations: 5, withRepeatAsk: 4 });
  });
});
