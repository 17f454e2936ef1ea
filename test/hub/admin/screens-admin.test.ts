import { afterEach, describe, expect, it } from 'vitest';
import { freshAdminHub, type AdminHub } from './admin-hub';

let current: AdminHub | null = null;
afterEach(async () => {
  await current?.hub.app.close();
  current = null;
});

describe('wall screens in administration', () => {
  it('gives a screen its URL once, shows its queues on the board, and shuts it out when revoked', async () => {
    current = await freshAdminHub();
    const { call, hub } = current;
    await call('POST', '/v1/admin/queues', { id: 'support', name: 'Support' });
    const unknown = await call('POST', '/v1/admin/screens', { name: 'Floor 2', queues: ['nowhere'] });
    expect(unknown.json.error.details).toEqual([{ path: 'queues', message: 'unknown queue: nowhere' }]);

    const created = await call('POST', '/v1/admin/screens', { name: 'Floor 2', queues: ['support'] });
    expect(created.status).toBe(201);
    expect(created.json.screen).toMatchObject({ name: 'Floor 2', queues: ['support'], isActive: true });
    const token = decodeURIComponent(/token=([^&]+)/.exec(created.json.path)![1]!);
    expect(JSON.stringify((await call('GET', '/v1/admin/screens')).json)).not.toContain(token);
    expect((await call('GET', '/v1/admin/people')).json.people.map((p: { name: string }) => p.name)).toEqual(['Ada Admin']);

    const board = await hub.app.inject({ method: 'GET', url: `/v1/wallboard/snapshot?dayStart=${encodeURIComponent(new Date().toISOString())}`, headers: { authorization: `Bearer ${token}` } });
    expect(board.statusCode).toBe(200);
    expect((await call('POST', `/v1/admin/screens/${created.json.screen.id}/revoke`)).json.screen.isActive).toBe(false);
    const after = await hub.app.inject({ method: 'GET', url: `/v1/wallboard/snapshot?dayStart=${encodeURIComponent(new Date().toISOString())}`, headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
  });
});
