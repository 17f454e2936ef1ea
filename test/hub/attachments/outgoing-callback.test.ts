import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import { seedDemo } from '../../../src/hub/demo/seed';
import { createCallbackRepository } from '../../../src/hub/store/callbacks';
import { createIntegrationChannelRepository } from '../../../src/hub/store/integration-channels';
import type { BotCallback } from '../../../src/shared/protocol';
import { pngImage } from '../../support/attachment-files';
import { assignedToAlex, bearer } from '../../support/assigned-conversation';
import { testHub } from '../../support/test-store';

let hub: Hub;
let standIn: Server;
const received: BotCallback[] = [];
const photo = pngImage();

beforeEach(async () => {
  received.length = 0;
  // A recording stand-in for the bot's callback endpoint: it keeps every item it is sent.
  standIn = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push(JSON.parse(body) as BotCallback);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
  hub = await testHub();
  await seedDemo(hub);
  await hub.app.listen({ port: 0, host: '127.0.0.1' });
  await createIntegrationChannelRepository(hub.db).setIntegrationChannel('demo', 'generic');
  await createCallbackRepository(hub.db).setCallbackUrl('demo', `http://127.0.0.1:${(standIn.address() as AddressInfo).port}/warmline`);
});
afterEach(async () => {
  await hub.app.close();
  await new Promise((resolve) => standIn.close(resolve));
});

const as = bearer;

describe("an agent's file in the customer's channel", () => {
  it('goes out with the message as a signed link the platform fetches once, with the right bytes and type', async () => {
    const { id, token } = await assignedToAlex(hub);

    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(photo)]), 'damage-claim.png');
    const request = new Request('http://hub.invalid/', { method: 'POST', body: form });
    const uploaded = await hub.app.inject({
      method: 'POST',
      url: `/v1/conversations/${id}/attachments`,
      headers: { ...as(token), 'content-type': request.headers.get('content-type')! },
      payload: Buffer.from(await request.arrayBuffer()),
    });
    const file = uploaded.json<{ id: string }>();
    await hub.app.inject({
      method: 'POST',
      url: `/v1/conversations/${id}/messages`,
      headers: as(token),
      payload: { clientMessageId: 'c1', text: 'Please fill in this claim form.', attachmentIds: [file.id] },
    });

    const message = await vi.waitFor(
      () => {
        const found = received.find((item): item is Extract<BotCallback, { type: 'message' }> => item.type === 'message');
        if (!found) throw new Error('no message callback yet');
        return found;
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(message.text).toBe('Please fill in this claim form.');
    expect(message.attachments).toHaveLength(1);
    const [sent] = message.attachments!;
    expect(sent).toMatchObject({ id: file.id, name: 'damage-claim.png', contentType: 'image/png', size: photo.length });
    expect(sent!.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/v1/attachment-links/${file.id}\\?expires=\\d+&signature=`));

    const fetched = await fetch(sent!.url);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('image/png');
    expect(fetched.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await fetched.arrayBuffer()).equals(photo)).toBe(true);
  });
});
