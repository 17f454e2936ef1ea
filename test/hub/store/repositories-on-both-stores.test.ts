import { afterEach, describe, expect, it } from 'vitest';
import { createSqlitePendingTranscripts } from '../../../src/hub/adapters/pending-sqlite';
import { queueOwner } from '../../../src/hub/lifecycle/transitions';
import { createAccountRepository } from '../../../src/hub/store/accounts';
import { createCallbackRepository } from '../../../src/hub/store/callbacks';
import { createConversationRepository } from '../../../src/hub/store/conversations';
import { createCustomerHistory } from '../../../src/hub/store/customer-history';
import type { HubDatabase } from '../../../src/hub/store/database';
import { createEventLog } from '../../../src/hub/store/events';
import { createFlagRepository } from '../../../src/hub/store/flags';
import { createRepeatAskRepository } from '../../../src/hub/store/repeat-asks';
import { createSkillRepository } from '../../../src/hub/store/skills';
import { createSourceConversationRepository } from '../../../src/hub/store/source-conversations';
import type { HubEventBody } from '../../../src/shared/protocol';
import { envelope } from '../../support/hub';
import { onPostgres, openTestStore } from '../../support/test-store';

const AT = '2026-11-20T10:00:00.000Z';
const HOSTILE_NAME = `Ana "O'Brien" <img src=x onerror=alert(1)> ' OR 1=1; --`;
const at = (seconds: number) => new Date(Date.parse(AT) + seconds * 1000).toISOString();
const opened: HubDatabase[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
});

/** A store with one queue, one integration and two agents, and a conversation maker. */
async function floor() {
  const db = await openTestStore();
  opened.push(db);
  const accounts = createAccountRepository(db);
  await accounts.saveQueue('support', 'Support');
  await accounts.saveIntegration('bot', 'Bot', 'token', 'support');
  for (const id of ['alex', 'sam']) {
    await accounts.saveUser({ id, email: `${id}@example.test`, name: id, role: 'agent', passwordHash: 'x', capacity: 2, queues: ['support'], skills: ['billing'] });
  }
  const conversations = createConversationRepository(db);
  const conversation = async (id: string, seconds: number, customer = envelope().customer) => {
    await conversations.insert({
      id,
      integrationId: 'bot',
      state: 'queued',
      queue: 'support',
      owner: queueOwner('support', at(seconds), 'handed off'),
      at: at(seconds),
      envelope: envelope({ id: `bot:${id}`, customer, source: { platform: 'generic', bot: 'bot', conversationId: `src-${id}` } }),
      priority: 3,
      skills: [],
      language: null,
      previousConversationId: null,
    });
  };
  return { db, accounts, conversations, conversation };
}

const message = (conversationId: string, id: string, seconds: number, author: 'customer' | 'agent' = 'customer') => ({
  id,
  conversationId,
  at: at(seconds),
  author,
  text: `text ${id}`,
});

describe(`the repositories' SQL on ${onPostgres ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('keeps a transcript in write order, even for messages of the same millisecond, and sets envelope fields to what they were given', async () => {
    const { conversations, conversation } = await floor();
    await conversation('c1', 0);
    for (const id of ['m3', 'm1', 'm2']) await conversations.insertMessage(message('c1', id, 1));
    await conversations.insertMessage(message('c1', 'm0', 0, 'agent'));
    expect((await conversations.messages('c1')).map((each) => each.id)).toEqual(['m0', 'm3', 'm1', 'm2']);
    expect((await conversations.recentCustomerMessages('c1', 2)).map((each) => each.id)).toEqual(['m2', 'm1']);

    await conversations.setSentiment('c1', { label: 'negative', score: -0.5 } as never);
    await conversations.setCustomer('c1', { id: 'cust-9', name: HOSTILE_NAME });
    const record = await conversations.get('c1');
    expect(record?.envelope.sentiment).toEqual({ label: 'negative', score: -0.5 });
    expect(record?.envelope.customer).toEqual({ id: 'cust-9', name: HOSTILE_NAME });
  });

  it('counts offers and assigned chats per agent as capacity sees them', async () => {
    const { conversations, conversation } = await floor();
    for (const [id, seconds] of [['c1', 0], ['c2', 1], ['c3', 2]] as const) await conversation(id, seconds);
    const offer = (agentId: string) => ({ agentId, agentName: agentId, expiresAt: at(60) }) as never;
    await conversations.update('c1', { state: 'assigned', owner: queueOwner('support', AT, 'x'), offer: null, assignedAgentId: 'alex', at: at(3) });
    await conversations.update('c2', { state: 'offered', owner: queueOwner('support', AT, 'x'), offer: offer('alex'), assignedAgentId: null, at: at(3) });
    await conversations.update('c3', { state: 'offered', owner: queueOwner('support', AT, 'x'), offer: offer('sam'), assignedAgentId: null, at: at(3) });
    expect(await conversations.loads()).toEqual(new Map([['alex', 2], ['sam', 1]]));
    expect((await conversations.openOffers()).map((each) => each.id).sort()).toEqual(['c2', 'c3']);
  });

  it('queues outbox items once each and lets only the oldest pending item of a conversation go', async () => {
    const { db, conversation } = await floor();
    await conversation('c1', 0);
    await conversation('c2', 0);
    const callbacks = createCallbackRepository(db);
    const callback = (conversationId: string, n: number) => ({ type: 'message', conversationId, messageId: `m${n}`, text: 'hi' }) as never;
    expect(await callbacks.enqueue('cb_1', 'bot', callback('c1', 1), AT)).toBe(true);
    expect(await callbacks.enqueue('cb_2', 'bot', callback('c1', 2), AT)).toBe(true);
    expect(await callbacks.enqueue('cb_3', 'bot', callback('c2', 3), AT)).toBe(true);
    expect(await callbacks.enqueue('cb_1', 'bot', callback('c1', 1), AT)).toBe(false);
    expect((await callbacks.due(at(1), 10)).map((each) => each.id)).toEqual(['cb_1', 'cb_3']);
    await callbacks.markDelivered('cb_1', at(1));
    expect((await callbacks.due(at(1), 10)).map((each) => each.id)).toEqual(['cb_2', 'cb_3']);
    expect(await callbacks.nextDueAt()).toBe(AT);

    const log = createEventLog(db);
    await db.write(() => log.append({ conversationId: 'c1', queue: 'support', at: AT, body: { type: 'routing:waiting', reason: 'nobody is online' } as HubEventBody, audience: [] }));
    expect(await callbacks.latestWaitingReason('c1', 1000)).toBe('nobody is online');
    expect(await callbacks.headSeq()).toBeGreaterThan(0);
  });

  it('finds a customer by their source conversation and earlier conversations by email, newest first', async () => {
    const { db, conversation } = await floor();
    const customer = { id: 'cust-1', name: 'Ana', email: 'Ana@Example.com' };
    await conversation('c1', 0, customer);
    await conversation('c2', 10, { ...customer, id: 'other-id' });
    await conversation('c3', 20, customer);
    expect(await createSourceConversationRepository(db).latestBySource('bot', 'src-c2')).toBe('c2');
    const record = (await createConversationRepository(db).get('c3'))!;
    const earlier = await createCustomerHistory(db).of(record);
    expect(earlier.map((each) => [each.id, each.matchedBy, each.customerName])).toEqual([
      ['c2', 'email', 'Ana'],
      ['c1', 'customer-id', 'Ana'],
    ]);
  });

  it('counts open flags per agent, skill usage, and the repeat-information rate from the log', async () => {
    const { db, conversation } = await floor();
    await conversation('c1', 0);
    const flags = createFlagRepository(db);
    await flags.insert({ id: 'f1', conversationId: 'c1', raisedBy: { id: 'alex', name: 'alex' }, message: 'help', at: AT, answer: null } as never);
    expect(await flags.openByAgent()).toEqual(new Map([['alex', 1]]));

    const skills = createSkillRepository(db);
    await skills.save({ id: 'billing', name: 'Billing' });
    expect(await skills.usage('billing')).toBe(2);
    expect(await skills.unknown(['billing', 'nope'])).toEqual(['nope']);

    const assigned = { type: 'conversation:assigned', conversation: { owner: { id: 'alex' }, envelope: { issue: { intent: 'refund' } } } } as unknown as HubEventBody;
    await db.write(() => createEventLog(db).append({ conversationId: 'c1', queue: 'support', at: at(1), body: assigned, audience: [] }));
    const repeatAsks = createRepeatAskRepository(db);
    await repeatAsks.insert({ conversationId: 'c1', messageId: 'm1', kind: 'agent_asked', fieldKey: 'email', agentId: 'alex', intent: 'refund', at: at(2) });
    const rate = await repeatAsks.rate({ from: AT, to: at(60), queues: ['support'] });
    expect([rate.conversations, rate.withRepeatAsk, rate.byAgent.map((each) => each.agentName), rate.byIntent.map((each) => each.intent)]).toEqual([1, 1, ['alex'], ['refund']]);
  });

  it('keeps pending transcript turns once each in order, with meta merged key by key', async () => {
    const { db } = await floor();
    const pending = createSqlitePendingTranscripts(db, () => new Date(AT));
    const turn = (id: string) => ({ id, at: AT, author: 'customer' as const, text: id });
    await pending.remember('k', { name: 'Ana', email: 'ana@example.com' });
    await pending.append('k', turn('a'), { name: 'Ana B' });
    await pending.append('k', turn('b'));
    await pending.append('k', turn('a'));
    expect(await pending.read('k')).toEqual({ turns: [turn('a'), turn('b')], meta: { name: 'Ana B', email: 'ana@example.com' } });
    expect(await pending.prune(new Date(at(1)))).toBe(1);
    expect(await pending.read('k')).toEqual({ turns: [], meta: {} });
  });
});
