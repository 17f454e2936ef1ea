import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_WALLBOARD_TOKEN } from '../../../src/hub/demo/seed';
import type { RunningHub } from '../../../src/hub/server';
import { envelope, listeningHub, openStream, postHandoff } from '../../support/hub';

/** As an adapter builds it from a WhatsApp sender (Chatwoot, Botpress): the phone number is in the id. */
const PHONE = '+447700900123';
const whatsappHandoff = () =>
  envelope({
    id: `whatsapp:${PHONE}:1`,
    source: { platform: 'chatwoot', bot: 'wa-bot', conversationId: `whatsapp:${PHONE}` },
    customer: { id: `whatsapp:${PHONE}`, name: 'Maria Okafor', phone: PHONE, verification: { status: 'unverified' } },
    routing: { queue: 'support', priority: 2, channel: 'whatsapp' },
  });

let hub: RunningHub | null = null;
afterEach(async () => {
  await hub?.close();
  hub = null;
});

describe('what a wallboard receives of a WhatsApp customer', () => {
  it('carries no part of the phone number on the stream or in the snapshot, and still the queue, state and reason', async () => {
    hub = await listeningHub();
    const wall = await openStream(hub.url, DEMO_WALLBOARD_TOKEN, 0);
    await wall.waitFor(() => wall.messages.find((message) => message.type === 'welcome'));
    const handoff = await postHandoff(hub.url, whatsappHandoff());
    const queued = await wall.waitFor(() => wall.events().find((event) => event.type === 'conversation:queued'));
    const snapshot = await fetch(`${hub.url}/v1/wallboard/snapshot?dayStart=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}`, {
      headers: { authorization: `Bearer ${DEMO_WALLBOARD_TOKEN}` },
    });
    const snapshotText = await snapshot.text();
    wall.socket.close();
    for (const text of [JSON.stringify(wall.messages), snapshotText]) {
      expect(text).not.toContain('7700900123');
      expect(text).not.toContain('whatsapp:');
      expect(text).not.toContain('Maria');
    }
    expect(queued).toMatchObject({ conversationId: handoff.json.conversationId, conversation: { queue: 'support', state: 'queued', envelope: { id: '', reason: { kind: 'bot_failure' } } } });
    expect(snapshot.status).toBe(200);
    expect(snapshotText).toContain(handoff.json.conversationId!);
  });
});
