import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import type { EarlierConversation } from '../../../src/shared/earlier-conversations';
import type { HandoffEnvelope } from '../../../src/shared/envelope';
import { demoHub, envelope } from '../../support/hub';

let hub: Hub;
beforeEach(async () => {
  hub = await demoHub();
});
afterEach(async () => {
  await hub.app.close();
});

let counter = 0;
/** A handoff as a bot sends it, through the hub's own ingest; `integration` is which bot connection it came in on. */
async function handoff(customer: Partial<HandoffEnvelope['customer']>, options: { queue?: string; integration?: string; platform?: string } = {}): Promise<string> {
  counter += 1;
  const { context } = hub;
  const body = envelope({
    id: `bot:c-${counter}:1`,
    source: { platform: options.platform ?? 'generic', bot: 'returns-bot', conversationId: `c-${counter}` },
    customer: { name: 'Maria Okafor', ...customer },
    routing: { queue: options.queue ?? 'support' },
  });
  return (await context.service.ingest(body, (await context.accounts.integrationById(options.integration ?? 'demo'))!)).conversationId;
}

/** Resolves it as the demo agent: accepted, then closed as solved. */
async function handled(id: string, agentId = 'u_agent3'): Promise<string> {
  const { context } = hub;
  const agent = (await context.accounts.userById(agentId))!;
  // The only agent online: routing offers the chat to them, as a stream's hello does.
  await context.presence.connected(agentId);
  await context.service.agentAvailable(agent);
  await context.service.accept(agent, id);
  await context.service.resolve(agent, id, 'solved');
  return id;
}

async function tokenOf(email: string): Promise<string> {
  const response = await hub.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password: 'demo' } });
  return (response.json() as { token: string }).token;
}

async function earlierOf(id: string, email = 'supervisor@demo') {
  const response = await hub.app.inject({ method: 'GET', url: `/v1/conversations/${id}/earlier`, headers: { authorization: `Bearer ${await tokenOf(email)}` } });
  return { status: response.statusCode, conversations: (response.json() as { conversations?: EarlierConversation[] }).conversations ?? [] };
}

describe('a returning customer', () => {
  it('is matched by the bot customer id, by email in any case and by phone in any format, across bot platforms, newest first', async () => {
    const byId = await handoff({ id: 'cust-1' });
    const byEmail = await handoff({ id: 'web-77', email: 'Maria@Example.com' }, { integration: 'web-chat', platform: 'web-chat' });
    const byPhone = await handoff({ phone: '+44 (20) 7946-0958' }, { platform: 'chatwoot' });
    await handoff({ id: 'cust-2', email: 'someone@else.com', phone: '+1 555 0100 999' });
    const now = await handoff({ id: 'cust-1', email: 'maria@example.com ', phone: '442079460958' });

    const { status, conversations } = await earlierOf(now);
    expect(status).toBe(200);
    expect(conversations.map((conversation) => [conversation.id, conversation.matchedBy])).toEqual([
      [byPhone, 'phone'],
      [byEmail, 'email'],
      [byId, 'customer-id'],
    ]);
    expect(conversations[1]).toMatchObject({ platform: 'web-chat', state: 'queued', customerName: 'Maria Okafor', queue: 'support' });
  });

  it('is not matched by a customer id from another bot connection, where ids mean someone else', async () => {
    await handoff({ id: 'cust-1' }, { integration: 'web-chat' });
    const now = await handoff({ id: 'cust-1' });
    expect((await earlierOf(now)).conversations).toEqual([]);
  });

  it('shows the outcome of an earlier conversation and who handled it', async () => {
    const before = await handled(await handoff({ email: 'maria@example.com' }));
    const now = await handoff({ email: 'maria@example.com' });
    expect((await earlierOf(now)).conversations).toMatchObject([{ id: before, state: 'resolved', disposition: 'solved', handledBy: 'Kofi Mensah' }]);
  });

  it('finds them through the indexes, not by reading every conversation (SQLite\'s query plan)', async ({ skip }) => {
    if (hub.db.dialect !== 'sqlite') skip();
    const plan = await hub.db.all<{ detail: string }>(
      `EXPLAIN QUERY PLAN SELECT id FROM conversations WHERE id != 'x'
         AND ((integration_id = 'demo' AND customer_key = 'k') OR customer_email = 'e' OR customer_phone = 'p')`,
    );
    const details = plan.map((row) => row.detail).join('\n');
    expect(details).toContain('conversations_customer_key');
    expect(details).toContain('conversations_customer_email');
    expect(details).toContain('conversations_customer_phone');
    expect(details).not.toMatch(/SCAN conversations(?! USING)/);
  });
});

describe('who may see a returning customer history', () => {
  it('lets an agent who holds the conversation see earlier ones in the queues they serve, and no other queue', async () => {
    const inSupport = await handoff({ email: 'maria@example.com' }, { queue: 'support' });
    await handoff({ email: 'maria@example.com' }, { queue: 'fraud' });
    const now = await handoff({ email: 'maria@example.com' }, { queue: 'support' });
    const { context } = hub;
    await context.presence.connected('u_agent');
    await context.service.agentAvailable((await context.accounts.userById('u_agent'))!);
    const offered = (await context.conversations.get(now))!;
    expect(offered.offer?.agentId ?? offered.assignedAgentId).toBe('u_agent');

    const { status, conversations } = await earlierOf(now, 'agent@demo');
    expect(status).toBe(200);
    expect(conversations.map((conversation) => conversation.id)).toEqual([inSupport]);
  });

  it('answers 404 to an agent who does not hold the conversation, as for one that does not exist', async () => {
    const now = await handoff({ email: 'maria@example.com' });
    expect((await earlierOf(now, 'agent2@demo')).status).toBe(404);
    expect((await earlierOf('c_missing', 'agent2@demo')).status).toBe(404);
  });

  it('opens an earlier transcript only through a conversation of the same customer the caller may see', async () => {
    const before = await handoff({ email: 'maria@example.com' });
    const stranger = await handoff({ email: 'stranger@example.com' });
    const now = await handoff({ email: 'maria@example.com' });
    const token = await tokenOf('supervisor@demo');
    const open = (earlierId: string) =>
      hub.app.inject({ method: 'GET', url: `/v1/conversations/${now}/earlier/${earlierId}`, headers: { authorization: `Bearer ${token}` } });
    const found = await open(before);
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({ id: before, envelope: { customer: { email: 'maria@example.com' } } });
    expect((await open(stranger)).statusCode).toBe(404);
  });
});
