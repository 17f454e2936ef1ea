import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import { testHub } from '../../support/test-store';
import { hashPassword } from '../../../src/hub/auth/passwords';
import { checkSignature, signWebhook } from '../../../src/hub/auth/webhook-signature';
import { seedDemo } from '../../../src/hub/demo/seed';
import { callbackUrlProblem } from '../../../src/hub/routes/admin-integrations';
import { createCallbackRepository } from '../../../src/hub/store/callbacks';
import { envelope, signIn } from '../../support/hub';

let hub: Hub | null = null;
let receiver: Server | null = null;
afterEach(async () => {
  await hub?.app.close();
  await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(null)));
  hub = null;
  receiver = null;
});

async function listening(): Promise<{ hub: Hub; url: string; admin: string }> {
  hub = await testHub({ offerTimeoutMs: null });
  await seedDemo(hub);
  await hub.context.accounts.saveUser({ id: 'u_admin', email: 'admin@test', name: 'Ada Admin', role: 'admin', capacity: 0, passwordHash: await hashPassword('demo'), queues: ['support'] });
  await hub.context.accounts.saveIntegration('shop-bot', 'Shop bot', 'shop-bot-token', 'support');
  await hub.app.listen({ port: 0, host: '127.0.0.1' });
  const address = hub.app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { hub, url, admin: await signIn(url, 'admin@test') };
}

const put = (url: string, token: string, id: string, body: unknown) =>
  fetch(`${url}/v1/admin/integrations/${id}/callback`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the callback URL an admin sets for an integration', () => {
  it('accepts https anywhere and plain http only to this machine', () => {
    expect(callbackUrlProblem('https://bot.example.com/warmline')).toBeNull();
    expect(callbackUrlProblem('http://127.0.0.1:8080/cb')).toBeNull();
    expect(callbackUrlProblem('http://localhost/cb')).toBeNull();
    expect(callbackUrlProblem('http://[::1]:9000/cb')).toBeNull();
    expect(callbackUrlProblem('http://bot.example.com/cb')).toMatch(/must be https/);
    expect(callbackUrlProblem('http://127.0.0.1.evil.example/cb')).toMatch(/must be https/);
    expect(callbackUrlProblem('ftp://bot.example.com/cb')).toMatch(/not ftp:/);
    expect(callbackUrlProblem('https://user:pw@bot.example.com/cb')).toMatch(/credentials/);
    expect(callbackUrlProblem('bot.example.com/cb')).toBe('is not a URL');
  });

  it('shows a generated secret once, then signs the callbacks it sends there with it', async () => {
    const { hub: running, url, admin } = await listening();
    const received: { body: string; headers: Record<string, string | string[] | undefined> }[] = [];
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ body, headers: request.headers });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver!.listen(0, '127.0.0.1', resolve));
    const port = (receiver.address() as { port: number }).port;

    const answer = await put(url, admin, 'shop-bot', { url: `http://127.0.0.1:${port}/warmline`, secret: 'generate' });
    expect(answer.status).toBe(200);
    const settings = (await answer.json()) as { integrationId: string; callbackUrl: string; isSigned: boolean; secret: string };
    expect(settings).toMatchObject({ integrationId: 'shop-bot', callbackUrl: `http://127.0.0.1:${port}/warmline`, isSigned: true, secret: expect.stringMatching(/^whsec_/) });
    // Changing only the URL keeps the secret and never shows it again.
    const again = (await (await put(url, admin, 'shop-bot', { url: `http://127.0.0.1:${port}/warmline` })).json()) as Record<string, unknown>;
    expect(again).toEqual({ integrationId: 'shop-bot', callbackUrl: `http://127.0.0.1:${port}/warmline`, isSigned: true });

    // The bot now signs its handoff with the secret; nobody is online, so the hub calls back "waiting", signed.
    const body = JSON.stringify(envelope({ id: 'shop:1' }));
    const handoff = await fetch(`${url}/v1/handoffs`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer shop-bot-token',
        'webhook-id': 'msg_1',
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': signWebhook(settings.secret, 'msg_1', new Date(), body),
      },
      body,
    });
    expect(handoff.status).toBe(201);
    await vi.waitUntil(() => received.length > 0, { timeout: 5_000 });
    expect(JSON.parse(received[0]!.body)).toMatchObject({ type: 'waiting', envelopeId: 'shop:1' });
    expect(checkSignature(settings.secret, received[0]!.body, received[0]!.headers).ok).toBe(true);
    expect((await running.context.accounts.integrationById('shop-bot'))?.signingSecret).toBe(settings.secret);
  });

  it('refuses a plain-http URL off this machine, a malformed secret and an unknown integration, changing nothing', async () => {
    const { hub: running, url, admin } = await listening();
    const callbacks = createCallbackRepository(running.db);
    const refusals = [
      { id: 'shop-bot', body: { url: 'http://bot.example.com/cb' }, status: 400, code: 'invalid_callback_url' },
      { id: 'shop-bot', body: { url: 'https://bot.example.com/cb', secret: 'hunter2' }, status: 400, code: 'invalid_request' },
      { id: 'shop-bot', body: { url: 'https://bot.example.com/cb', extra: true }, status: 400, code: 'invalid_request' },
      { id: 'no-such-bot', body: { url: 'https://bot.example.com/cb' }, status: 404, code: 'not_found' },
    ];
    for (const refusal of refusals) {
      const response = await put(url, admin, refusal.id, refusal.body);
      expect(response.status).toBe(refusal.status);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(refusal.code);
    }
    expect(await callbacks.callbackUrl('shop-bot')).toBeNull();
    expect((await running.context.accounts.integrationById('shop-bot'))?.signingSecret).toBeNull();
    // Null stops callbacks; a supplied secret is stored and not echoed.
    const supplied = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    const cleared = await put(url, admin, 'shop-bot', { url: null, secret: supplied });
    expect(await cleared.json()).toEqual({ integrationId: 'shop-bot', callbackUrl: null, isSigned: true });
    expect((await running.context.accounts.integrationById('shop-bot'))?.signingSecret).toBe(supplied);
  });
});
