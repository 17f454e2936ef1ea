import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { BotCallback } from '../../src/shared/protocol';

/**
 * The integrator's side of the generic connector on loopback: it takes the hub's callbacks only
 * when their Standard Webhooks signature verifies with the integration's secret (401 otherwise),
 * drops a repeated `webhook-id` as a receiver should, and records what it accepted in order.
 */
export async function startSignedCallbackReceiver(secret: string) {
  const webhook = new Webhook(secret);
  const accepted: { id: string; callback: BotCallback }[] = [];
  const refused: string[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [name, String(request.headers[name] ?? '')]));
      try {
        const callback = webhook.verify(body, headers) as BotCallback;
        if (!accepted.some((item) => item.id === headers['webhook-id'])) accepted.push({ id: headers['webhook-id']!, callback });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } catch (error) {
        refused.push(error instanceof Error ? error.message : String(error));
        response.writeHead(401).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/warmline`;
  return {
    url,
    accepted,
    refused,
    /** The texts of the agents' messages for one hub conversation, in the order they arrived. */
    messagesOf: (conversationId: string): string[] =>
      accepted.flatMap(({ callback }) => (callback.type === 'message' && callback.conversationId === conversationId ? [callback.text] : [])),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Posts as a bot or connector that signs its webhooks: the integration token and a Standard Webhooks signature. */
export async function postSigned(url: string, token: string, secret: string, id: string, payload: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const body = JSON.stringify(payload);
  const now = new Date();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(id, now, body),
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
