import type { Hub } from '../../src/hub/app';
import { envelope, integrationAuth } from './hub';

export const tokenOf = async (hub: Hub, email: string): Promise<string> =>
  (await hub.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password: 'demo' } })).json<{ token: string }>().token;

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A demo handoff offered to Alex (agent@demo, connected) and accepted: the conversation and Alex's token. */
export async function assignedToAlex(hub: Hub): Promise<{ id: string; token: string }> {
  await hub.context.presence.connected('u_agent');
  const posted = await hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: integrationAuth, payload: envelope({ routing: { queue: 'support', skills: ['returns'] } }) });
  const id = posted.json<{ conversationId: string }>().conversationId;
  const token = await tokenOf(hub, 'agent@demo');
  const accepted = await hub.app.inject({ method: 'POST', url: `/v1/conversations/${id}/accept`, headers: bearer(token) });
  if (accepted.statusCode !== 200) throw new Error(`accept refused: ${accepted.statusCode} ${accepted.body}`);
  return { id, token };
}
