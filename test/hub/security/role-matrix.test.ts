import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import { testHub } from '../../support/test-store';
import { hashPassword } from '../../../src/hub/auth/passwords';
import { DEMO_WALLBOARD_TOKEN, seedDemo } from '../../../src/hub/demo/seed';
import { createCallbackRepository } from '../../../src/hub/store/callbacks';
import { envelope, openStream, postHandoff, signIn } from '../../support/hub';

/**
 * Who may reach one assigned conversation of the support queue, by every route and by stream
 * replay. Owner: agent@demo. Everyone else below must be refused, leave no trace, and see none of
 * its events when replaying from seq 0.
 */
let hub: Hub;
let url: string;
let conversationId: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  hub = await testHub({ offerTimeoutMs: null });
  await seedDemo(hub);
  const passwordHash = await hashPassword('demo');
  await hub.context.accounts.saveQueue('claims', 'Claims');
  await hub.context.accounts.saveUser({ id: 'u_claims', email: 'claims@demo', name: 'Claire Claims', role: 'agent', capacity: 3, passwordHash, queues: ['claims'], skills: [], languages: ['en'] });
  await hub.context.accounts.saveUser({ id: 'u_claims_sup', email: 'claims-sup@demo', name: 'Cal Supervisor', role: 'supervisor', capacity: 0, passwordHash, queues: ['claims'], skills: [], languages: [] });
  await hub.context.accounts.saveUser({ id: 'u_admin', email: 'admin@demo', name: 'Ada Admin', role: 'admin', capacity: 0, passwordHash, queues: ['support'], skills: [], languages: [] });
  await hub.app.listen({ port: 0, host: '127.0.0.1' });
  const address = hub.app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  for (const email of ['agent@demo', 'agent2@demo', 'claims@demo', 'supervisor@demo', 'claims-sup@demo', 'admin@demo']) tokens[email] = await signIn(url, email);
  // The demo wall screen has no password: its token is in the board's URL.
  tokens['wallboard@demo'] = DEMO_WALLBOARD_TOKEN;

  const owner = await openStream(url, tokens['agent@demo']!);
  const handoff = await postHandoff(url, envelope({ routing: { queue: 'support' } }));
  conversationId = handoff.json.conversationId!;
  await owner.waitFor(() => owner.events().find((event) => event.type === 'conversation:offered' && event.conversationId === conversationId));
  const accepted = await fetch(`${url}/v1/conversations/${conversationId}/accept`, { method: 'POST', headers: { authorization: `Bearer ${tokens['agent@demo']}` } });
  expect(accepted.status).toBe(200);
  owner.close();
});
afterAll(async () => {
  await hub.app.close();
});

const ROUTES: { method: 'GET' | 'POST'; path: string; body?: unknown }[] = [
  { method: 'GET', path: '/v1/conversations/:id' },
  { method: 'POST', path: '/v1/conversations/:id/accept' },
  { method: 'POST', path: '/v1/conversations/:id/decline', body: { reason: 'x' } },
  { method: 'POST', path: '/v1/conversations/:id/messages', body: { clientMessageId: 'intruder', text: 'hello' } },
  { method: 'POST', path: '/v1/conversations/:id/transfer', body: { to: { kind: 'queue', id: 'claims' }, note: 'take it' } },
  { method: 'POST', path: '/v1/conversations/:id/flags', body: { message: 'help' } },
  { method: 'POST', path: '/v1/conversations/:id/resolve', body: { disposition: 'solved' } },
  { method: 'POST', path: '/v1/conversations/:id/monitor' },
  { method: 'POST', path: '/v1/conversations/:id/whisper', body: { clientMessageId: 'w1', text: 'psst' } },
  { method: 'POST', path: '/v1/conversations/:id/barge' },
  { method: 'POST', path: '/v1/conversations/:id/take-over' },
  { method: 'POST', path: '/v1/conversations/:id/typing' },
];

const OUTSIDERS = [
  { who: 'another agent of the same queue', email: 'agent2@demo' },
  { who: 'an agent of another queue', email: 'claims@demo' },
  { who: 'a supervisor of another queue', email: 'claims-sup@demo' },
  { who: 'a wallboard', email: 'wallboard@demo' },
  { who: 'no token', email: null },
];

const snapshot = async () => {
  const record = (await hub.context.conversations.get(conversationId))!;
  return { state: record.state, queue: record.queue, owner: record.owner.id, messages: (await hub.context.conversations.messages(conversationId)).length, latestSeq: await hub.context.events.latestSeq() };
};

describe('the role matrix over real HTTP', () => {
  for (const outsider of OUTSIDERS) {
    for (const route of ROUTES) {
      it(`refuses ${outsider.who} on ${route.method} ${route.path}, changing nothing`, async () => {
        const before = await snapshot();
        const headers: Record<string, string> = { ...(outsider.email ? { authorization: `Bearer ${tokens[outsider.email]}` } : {}) };
        if (route.body !== undefined) headers['content-type'] = 'application/json';
        const response = await fetch(`${url}${route.path.replace(':id', conversationId)}`, {
          method: route.method,
          headers,
          ...(route.body !== undefined ? { body: JSON.stringify(route.body) } : {}),
        });
        expect([401, 403, 404, 409]).toContain(response.status);
        if (route.method === 'GET') expect(await response.text()).not.toContain('Maria Okafor');
        expect(await snapshot()).toEqual(before);
      });
    }
  }

  it('lets the owner and a supervisor of the queue read it', async () => {
    for (const email of ['agent@demo', 'supervisor@demo']) {
      const response = await fetch(`${url}/v1/conversations/${conversationId}`, { headers: { authorization: `Bearer ${tokens[email]}` } });
      expect(response.status).toBe(200);
    }
  });
});

describe('the role matrix over stream replay', () => {
  for (const { who, email } of OUTSIDERS.filter((outsider) => outsider.email && outsider.email !== 'wallboard@demo')) {
    it(`replays none of the conversation's events to ${who} from seq 0`, async () => {
      const stream = await openStream(url, tokens[email!]!, 0);
      await stream.waitFor(() => stream.messages.find((message) => message.type === 'welcome'));
      // Sentinel: the stream is one-way after hello, so the hub closes it, behind every frame of the replay.
      const closed = new Promise((resolve) => stream.socket.once('close', resolve));
      stream.socket.send('{}');
      await closed;
      expect(stream.events().filter((event) => event.conversationId === conversationId)).toEqual([]);
      stream.close();
    });
  }

  it('replays the conversation to its owner and to a supervisor of the queue', async () => {
    for (const email of ['agent@demo', 'supervisor@demo']) {
      const stream = await openStream(url, tokens[email]!, 0);
      await stream.waitFor(() => stream.events().find((event) => event.conversationId === conversationId && event.type === 'conversation:assigned'));
      stream.close();
    }
  });
});

describe('the role matrix on PUT /v1/admin/integrations/:id/callback', () => {
  const settings = async () => ({ url: await createCallbackRepository(hub.db).callbackUrl('demo'), secret: (await hub.context.accounts.integrationById('demo'))?.signingSecret });
  const putCallback = (email: string | null) =>
    fetch(`${url}/v1/admin/integrations/demo/callback`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...(email ? { authorization: `Bearer ${tokens[email]}` } : {}) },
      body: JSON.stringify({ url: 'https://attacker.example/steal', secret: 'generate' }),
    });

  for (const { who, email, status } of [
    { who: 'an agent', email: 'agent@demo', status: 403 },
    { who: 'a supervisor', email: 'supervisor@demo', status: 403 },
    { who: 'a wallboard', email: 'wallboard@demo', status: 403 },
    { who: 'no token', email: null, status: 401 },
  ]) {
    it(`refuses ${who} with ${status}, changing neither the URL nor the secret`, async () => {
      const before = await settings();
      const response = await putCallback(email);
      expect(response.status).toBe(status);
      expect(await response.text()).not.toContain('whsec_');
      expect(await settings()).toEqual(before);
    });
  }

  it('lets an admin set it', async () => {
    const response = await fetch(`${url}/v1/admin/integrations/demo/callback`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens['admin@demo']}` },
      body: JSON.stringify({ url: 'https://bot.example.com/warmline' }),
    });
    expect(response.status).toBe(200);
    expect((await settings()).url).toBe('https://bot.example.com/warmline');
  });
});
