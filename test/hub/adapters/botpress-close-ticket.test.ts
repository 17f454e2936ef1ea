import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import { checkChannelSettings } from '../../../src/hub/admin/channel-settings';
import { DEMO_INTEGRATION_TOKEN } from '../../../src/hub/demo/seed';
import { createIntegrationChannelRepository } from '../../../src/hub/store/integration-channels';
import { demoHub } from '../../support/hub';
import { startRecordingServer, type RecordingServer } from './recording-server';

/**
 * hitl-api's stopHitl (botpress/growth integrations/hitl-api src/index.ts) sends closeRemoteTicket
 * with the id of Botpress's `hitl` conversation, which startHitl tagged `externalId: <our ticket>`.
 * The stand-in answers the Runtime API's GET /v1/chat/conversations/{id} the way Botpress documents
 * it: `{ conversation: { id, channel, integration, tags } }`, integration tags prefixed by its name.
 */

const BOTPRESS_CONVERSATION = 'conv_01JBPXQ7R8S9T0VWXYZ';
const PAT = 'bp_pat_0123456789abcdefghijklmnopqrstuv';
const BOT_ID = '5a1c9d4e-7b2f-4e61-9c3a-8d0e1f2a3b4c';

let hub: Hub;
let api: RecordingServer;
let webhook: RecordingServer;
beforeEach(async () => {
  hub = await demoHub();
  api = await startRecordingServer();
  webhook = await startRecordingServer();
  await createIntegrationChannelRepository(hub.db).setIntegrationChannel('demo', 'botpress', {
    webhookUrl: `${webhook.url}/hook`,
    apiToken: PAT,
    botId: BOT_ID,
    apiUrl: api.url,
  });
});
afterEach(async () => {
  await hub.app.close();
  await api.close();
  await webhook.close();
});

const hitlApi = (operation: string, body: Record<string, unknown>) =>
  hub.app.inject({ method: 'POST', url: `/v1/integrations/botpress/${DEMO_INTEGRATION_TOKEN}/${operation}`, payload: { type: operation, ...body } });

async function openTicket(title: string): Promise<{ ticket: string; conversationId: string }> {
  const created = await hitlApi('createRemoteConversation', { payload: { title } });
  expect(created.statusCode).toBe(201);
  const { id, conversationId } = created.json() as { id: string; conversationId: string };
  return { ticket: id, conversationId };
}

const hitlConversation = (ticket: string) => ({
  status: 200,
  body: {
    conversation: {
      id: BOTPRESS_CONVERSATION,
      channel: 'hitl',
      integration: 'plus/hitl-api',
      createdAt: '2026-11-20T10:40:00.000Z',
      updatedAt: '2026-11-20T10:40:00.000Z',
      tags: { 'plus/hitl-api:externalId': ticket },
    },
  },
});

const stateOf = async (id: string) => (await hub.context.conversations.get(id))?.state;

describe('Botpress closing a HITL ticket', () => {
  it('ends the ticket Botpress tagged its conversation with, asking Botpress with the token and bot id', async () => {
    const other = await openTicket('Kettle arrived broken');
    const { ticket, conversationId } = await openTicket('Kettle arrived broken');
    api.answer(hitlConversation(ticket));

    const closed = await hitlApi('closeRemoteTicket', { payload: { botpressConversationId: BOTPRESS_CONVERSATION } });

    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'left', conversationId, state: 'abandoned' });
    expect(await stateOf(conversationId)).toBe('abandoned');
    expect(await stateOf(other.conversationId)).toBe('queued');
    expect(api.requests).toMatchObject([
      { method: 'GET', path: `/v1/chat/conversations/${BOTPRESS_CONVERSATION}`, headers: { authorization: `Bearer ${PAT}`, 'x-bot-id': BOT_ID } },
    ]);
  });

  it('tells the agent in the transcript when the customer ends a ticket the agent has', async () => {
    const { ticket, conversationId } = await openTicket('Lid cracked');
    const agent = (await hub.context.accounts.userByEmail('agent@demo'))!;
    await hub.context.presence.connected(agent.id);
    await hub.context.service.setPresence(agent, 'available');
    await hub.context.service.accept(agent, conversationId);
    api.answer(hitlConversation(ticket));

    const closed = await hitlApi('closeRemoteTicket', { payload: { botpressConversationId: BOTPRESS_CONVERSATION } });

    expect(closed.json()).toMatchObject({ status: 'left', conversationId, state: 'assigned' });
    const notes = (await hub.context.conversations.messages(conversationId)).filter((m) => m.author === 'system').map((m) => m.text);
    expect(notes.filter((text) => /left/.test(text))).toEqual(['The customer left the conversation (Botpress closed the ticket).']);
  });

  it('answers a conversation Botpress does not know, or one that is no hitl-api ticket, as ignored and ends nothing', async () => {
    const { conversationId } = await openTicket('Wrong size');
    api.answer({ status: 404, body: { code: 404, type: 'ResourceNotFound', message: 'Conversation not found' } });
    api.answer({ status: 200, body: { conversation: { id: BOTPRESS_CONVERSATION, channel: 'channel', integration: 'webchat', tags: { 'webchat:owner': 'u1' } } } });

    for (let attempt = 0; attempt < 2; attempt += 1) {
      const closed = await hitlApi('closeRemoteTicket', { payload: { botpressConversationId: BOTPRESS_CONVERSATION } });
      expect(closed.statusCode).toBe(200);
      expect(closed.json()).toMatchObject({ status: 'ignored' });
    }
    expect(await stateOf(conversationId)).toBe('queued');
  });

  it('answers 502 while Botpress cannot be asked, and ends the ticket when hitl-api calls again', async () => {
    const { ticket, conversationId } = await openTicket('Refund');
    api.answer({ status: 503, body: { message: 'Service Unavailable' } }, hitlConversation(ticket));

    const refused = await hitlApi('closeRemoteTicket', { payload: { botpressConversationId: BOTPRESS_CONVERSATION } });
    expect(refused.statusCode).toBe(502);
    expect(refused.json()).toMatchObject({ error: { code: 'platform_unreachable' } });
    expect(await stateOf(conversationId)).toBe('queued');

    const again = await hitlApi('closeRemoteTicket', { payload: { botpressConversationId: BOTPRESS_CONVERSATION } });
    expect(again.json()).toMatchObject({ status: 'left', conversationId });
  });

  it('refuses a channel with a token but no bot id, naming the missing setting', () => {
    const checked = checkChannelSettings('botpress', { webhookUrl: 'https://webhook.botpress.cloud/abc', apiToken: PAT });
    expect(checked).toMatchObject({ ok: false, problems: [{ path: 'settings.botId', message: 'apiToken and botId go together' }] });
  });
});
