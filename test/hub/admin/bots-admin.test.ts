import { afterEach, describe, expect, it } from 'vitest';
import { envelope } from '../../support/hub';
import { freshAdminHub, type AdminHub } from './admin-hub';

let current: AdminHub | null = null;
afterEach(async () => {
  await current?.hub.app.close();
  current = null;
});

async function handoff(hub: AdminHub['hub'], token: string): Promise<number> {
  return (await hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: { authorization: `Bearer ${token}` }, payload: envelope() })).statusCode;
}

describe('bot integrations in administration', () => {
  it('shows the token once, takes handoffs with it, keeps the old token through the rotation overlap and refuses every token once revoked', async () => {
    current = await freshAdminHub();
    const { call, hub } = current;
    await call('POST', '/v1/admin/queues', { id: 'support', name: 'Support' });
    const created = await call('POST', '/v1/admin/integrations', { id: 'shop', name: 'Shop bot', platform: 'generic', defaultQueue: 'support' });
    expect(created.status).toBe(201);
    expect(created.json.integration).toMatchObject({ id: 'shop', platform: 'generic', handoffPath: '/v1/handoffs', defaultQueue: 'support', revokedAt: null, lastDelivery: null });
    const first = created.json.token as string;
    expect(first.length).toBeGreaterThanOrEqual(40);
    expect(JSON.stringify((await call('GET', '/v1/admin/integrations')).json)).not.toContain(first);
    expect(await handoff(hub, first)).toBe(201);

    const rotated = await call('POST', '/v1/admin/integrations/shop/rotate-token', { overlapMinutes: 30 });
    const second = rotated.json.token as string;
    expect(second).not.toBe(first);
    expect(Date.parse(rotated.json.integration.previousTokenExpiresAt) - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(await handoff(hub, first)).toBe(201);
    expect(await handoff(hub, second)).toBe(201);

    const immediate = await call('POST', '/v1/admin/integrations/shop/rotate-token', { overlapMinutes: 0 });
    expect(await handoff(hub, second)).toBe(401);
    expect(await handoff(hub, immediate.json.token)).toBe(201);

    expect((await call('POST', '/v1/admin/integrations/shop/revoke')).json.integration.revokedAt).not.toBeNull();
    expect(await handoff(hub, immediate.json.token)).toBe(401);
    const audit = JSON.stringify((await call('GET', '/v1/admin/audit')).json);
    for (const token of [first, second, immediate.json.token]) expect(audit).not.toContain(token);
    expect(audit).toContain('integration.token-rotated');
  });

  it('keeps a Chatwoot channel\'s API token secret, and refuses settings the platform cannot work with', async () => {
    current = await freshAdminHub();
    const { call } = current;
    await call('POST', '/v1/admin/queues', { id: 'support', name: 'Support' });
    const missing = await call('POST', '/v1/admin/integrations', { id: 'cw', name: 'Chatwoot', platform: 'chatwoot', defaultQueue: 'support', settings: { baseUrl: 'http://chatwoot.example.com' } });
    expect(missing.status).toBe(400);
    expect(missing.json.error.code).toBe('invalid_channel_settings');
    expect(missing.json.error.details.map((p: { path: string }) => p.path).sort()).toEqual(['settings.accountId', 'settings.apiAccessToken', 'settings.baseUrl']);
    expect((await call('GET', '/v1/admin/integrations')).json.integrations).toEqual([]);

    const settings = { baseUrl: 'https://chatwoot.example.com', accountId: '7', apiAccessToken: 'cw-secret-access-token' };
    const created = await call('POST', '/v1/admin/integrations', { id: 'cw', name: 'Chatwoot', platform: 'chatwoot', defaultQueue: 'support', settings });
    expect(created.status).toBe(201);
    expect(created.json.integration).toMatchObject({ platform: 'chatwoot', handoffPath: '/v1/integrations/chatwoot', settings: { baseUrl: 'https://chatwoot.example.com', accountId: '7', apiAccessToken: 'set' } });
    const moved = await call('PATCH', '/v1/admin/integrations/cw', { settings: { accountId: '8' } });
    expect(moved.json.integration.settings).toEqual({ baseUrl: 'https://chatwoot.example.com', accountId: '8', apiAccessToken: 'set' });
    const everything = JSON.stringify([(await call('GET', '/v1/admin/integrations')).json, (await call('GET', '/v1/admin/audit')).json, (await call('GET', '/v1/admin/audit?format=csv')).text]);
    expect(everything).not.toContain('cw-secret-access-token');
  });
});

describe('an integration\'s callback and channel settings', () => {
  it('are audited with the URL and masked settings, never the signing secret or API token', async () => {
    current = await freshAdminHub();
    const { call } = current;
    await call('POST', '/v1/admin/queues', { id: 'support', name: 'Support' });
    await call('POST', '/v1/admin/integrations', { id: 'shop', name: 'Shop bot', platform: 'generic', defaultQueue: 'support' });
    const callback = await call('PUT', '/v1/admin/integrations/shop/callback', { url: 'https://bot.example.com/warmline', secret: 'generate' });
    expect(callback.status).toBe(200);
    const channel = await call('PUT', '/v1/admin/integrations/shop/channel', { platform: 'chatwoot', settings: { baseUrl: 'https://chat.example.com', accountId: '4', apiAccessToken: 'cw-api-secret' } });
    expect(channel.status).toBe(200);
    const { entries } = (await call('GET', '/v1/admin/audit')).json;
    expect(entries[1]).toMatchObject({ action: 'integration.callback-set', before: { callbackUrl: null, isSigned: false }, after: { callbackUrl: 'https://bot.example.com/warmline', isSigned: true } });
    expect(entries[0]).toMatchObject({ action: 'integration.channel-set', after: { platform: 'chatwoot', settings: { accountId: '4', apiAccessToken: 'set' } } });
    const everything = JSON.stringify(entries) + (await call('GET', '/v1/admin/audit?format=csv')).text;
    expect(everything).not.toContain(callback.json.secret);
    expect(everything).not.toContain('cw-api-secret');
  });
});
