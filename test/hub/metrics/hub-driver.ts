import { randomUUID } from 'node:crypto';
import type { Hub } from '../../../src/hub/app';
import { DEMO_WALLBOARD_TOKEN, seedDemo } from '../../../src/hub/demo/seed';
import type { HandoffEnvelope } from '../../../src/shared/envelope';
import { envelope, integrationAuth } from '../../support/hub';
import { testHub } from '../../support/test-store';

const DEMO_AGENTS = ['u_agent', 'u_agent2', 'u_agent3'];

/**
 * A demo hub on a clock the test moves, driven through its real HTTP routes; on the suite's store
 * unless given one (the same store again for a restart).
 */
export async function drivenHub(store: { databaseFile?: string; databaseUrl?: string } = {}) {
  let clock = new Date('2026-11-20T09:00:00.000Z');
  const hub: Hub = await testHub({ ...store, now: () => clock, offerTimeoutMs: null });
  await seedDemo(hub);
  // The demo wall screen has no password: its token is in the board's URL.
  const tokens = new Map<string, string>([['wallboard@demo', DEMO_WALLBOARD_TOKEN]]);
  const auth = async (email: string) => {
    let token = tokens.get(email);
    if (!token) {
      const response = await hub.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password: 'demo' } });
      token = (response.json() as { token: string }).token;
      tokens.set(email, token);
    }
    return { authorization: `Bearer ${token}` };
  };
  const post = async (email: string, url: string, payload: object = {}) => {
    const response = await hub.app.inject({ method: 'POST', url, headers: await auth(email), payload });
    if (response.statusCode >= 300) throw new Error(`${url} failed: ${response.statusCode} ${response.body}`);
    return response;
  };

  return {
    hub,
    at(time: string): void {
      clock = new Date(`2026-11-20T${time}.000Z`);
    },
    /** Only these agents are online (and free to be offered work). */
    async online(...agentIds: string[]): Promise<void> {
      for (const id of DEMO_AGENTS) await hub.context.presence.disconnected(id);
      for (const id of agentIds) await hub.context.presence.connected(id);
    },
    async handoff(overrides: Partial<HandoffEnvelope> = {}): Promise<string> {
      const posted = await hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: integrationAuth, payload: envelope(overrides) });
      return (posted.json() as { conversationId: string }).conversationId;
    },
    accept: (email: string, id: string) => post(email, `/v1/conversations/${id}/accept`),
    decline: (email: string, id: string) => post(email, `/v1/conversations/${id}/decline`, { reason: 'busy' }),
    say: (email: string, id: string, text: string) => post(email, `/v1/conversations/${id}/messages`, { clientMessageId: randomUUID(), text }),
    transfer: (email: string, id: string, agentId: string) =>
      post(email, `/v1/conversations/${id}/transfer`, { to: { kind: 'agent', id: agentId }, note: 'Refund exceptions are Alex’s' }),
    resolve: (email: string, id: string, disposition: 'solved' | 'not_solved') => post(email, `/v1/conversations/${id}/resolve`, { disposition }),
    customerSays: (id: string, text: string) => hub.context.service.customerSays(id, text, randomUUID()),
    // No customer-side HTTP route for these exists yet (the chat widget's, H2): the service call the route will make.
    customerLeaves: (id: string) => hub.context.service.abandon(id, 'the customer closed the chat'),
    customerRates: (id: string, rating: number) => hub.context.service.rate(id, rating),
    async get(email: string | null, url: string, headers: Record<string, string> = {}) {
      return hub.app.inject({ method: 'GET', url, headers: { ...(email ? await auth(email) : {}), ...headers } });
    },
  };
}

export const ALEX = { id: 'u_agent', email: 'agent@demo' };
export const SAM = { id: 'u_agent2', email: 'agent2@demo' };
