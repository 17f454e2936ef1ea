import { randomUUID } from 'node:crypto';
import { build, type Hub } from '../../src/hub/app';
import { seedDemo } from '../../src/hub/demo/seed';
import type { HandoffEnvelope } from '../../src/shared/envelope';
import { envelope, integrationAuth } from '../support/hub';
import { testHub } from '../support/test-store';

const DEMO_AGENTS = ['u_agent', 'u_agent2'];

/**
 * A demo hub on a clock the test moves, with helpers that drive it through its real routes:
 * hand a conversation to a chosen agent, reply as them, write as the customer. On the suite's
 * backend, unless a SQLite `databaseFile` is named (a test that reopens the file).
 */
export async function clockedHub(databaseFile?: string) {
  let clock = new Date('2026-11-20T09:00:00.000Z');
  const now = () => clock;
  const hub: Hub = databaseFile ? await build({ databaseFile, now }) : await testHub({ now });
  await seedDemo(hub);
  const tokens = new Map<string, string>();

  async function token(email: string): Promise<string> {
    const known = tokens.get(email);
    if (known) return known;
    const response = await hub.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password: 'demo' } });
    const fresh = (response.json() as { token: string }).token;
    tokens.set(email, fresh);
    return fresh;
  }
  const auth = async (email: string) => ({ authorization: `Bearer ${await token(email)}` });

  return {
    hub,
    token,
    setTime(iso: string): void {
      clock = new Date(iso);
    },
    /** A bot hands off; with an agent, only that agent is online, so it is offered to and accepted by them. */
    async handoff(agent: { id: string; email: string } | null, overrides: Partial<HandoffEnvelope> = {}): Promise<string> {
      for (const id of DEMO_AGENTS) await hub.context.presence.disconnected(id);
      if (agent) await hub.context.presence.connected(agent.id);
      const posted = await hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: integrationAuth, payload: envelope(overrides) });
      const { conversationId } = posted.json() as { conversationId: string };
      if (agent) {
        const accepted = await hub.app.inject({ method: 'POST', url: `/v1/conversations/${conversationId}/accept`, headers: await auth(agent.email) });
        if (accepted.statusCode !== 200) throw new Error(`accept failed: ${accepted.statusCode} ${accepted.body}`);
        await hub.context.presence.disconnected(agent.id);
      }
      return conversationId;
    },
    async reply(email: string, conversationId: string, text: string, clientMessageId: string = randomUUID()) {
      return hub.app.inject({
        method: 'POST',
        url: `/v1/conversations/${conversationId}/messages`,
        headers: await auth(email),
        payload: { clientMessageId, text },
      });
    },
    async resolve(email: string, conversationId: string): Promise<void> {
      const resolved = await hub.app.inject({ method: 'POST', url: `/v1/conversations/${conversationId}/resolve`, headers: await auth(email), payload: { disposition: 'solved' } });
      if (resolved.statusCode !== 200) throw new Error(`resolve failed: ${resolved.statusCode} ${resolved.body}`);
    },
    async customerSays(conversationId: string, text: string): Promise<void> {
      await hub.context.service.customerSays(conversationId, text, randomUUID());
    },
    async metrics(email: string | null, query = '') {
      const headers = email ? await auth(email) : {};
      return hub.app.inject({ method: 'GET', url: `/v1/metrics/repeat-information${query}`, headers });
    },
  };
}

export const ALEX = { id: 'u_agent', email: 'agent@demo' };
export const SAM = { id: 'u_agent2', email: 'agent2@demo' };
