import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build, type Hub } from '../../../src/hub/app';
import { seedDemo } from '../../../src/hub/demo/seed';
import { runMigrateToCommand } from '../../../src/hub/store/migrate-command';
import { envelope, integrationAuth, tempDir } from '../../support/hub';
import { onPostgres, testDatabase } from '../../support/test-store';

const hubs: Hub[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.app.close()));
});

const handOff = (hub: Hub, id: string) =>
  hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: integrationAuth, payload: envelope({ id, customer: { id: 'c-1', name: 'Maria Okafor' } }) });

const signIn = async (hub: Hub) =>
  (await hub.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email: 'supervisor@demo', password: 'demo' } })).json<{ token: string }>().token;

describe.skipIf(!onPostgres)('npm run hub -- migrate-to (needs the suite on PostgreSQL)', () => {
  it('moves a SQLite hub to PostgreSQL: people sign in, chats and the log carry on from the same seq', async () => {
    const dataDir = tempDir('warmline-migrate-');
    const sqliteHub = await build({ databaseFile: join(dataDir, 'hub.sqlite') });
    await seedDemo(sqliteHub);
    expect((await handOff(sqliteHub, 'migrate-bot:before:1')).statusCode).toBe(201);
    const seqBefore = (await sqliteHub.app.inject({ url: '/healthz' })).json<{ seq: number }>().seq;
    await sqliteHub.app.close();

    const { databaseUrl } = await testDatabase();
    const lines: string[] = [];
    expect(await runMigrateToCommand([databaseUrl as string, '--data', dataDir], (line) => lines.push(line))).toBe(0);
    expect(lines.join('\n')).toMatch(/conversations\s+1\b/);

    const pgHub = await build({ databaseUrl: databaseUrl as string });
    hubs.push(pgHub);
    expect((await pgHub.app.inject({ url: '/healthz' })).json<{ seq: number }>().seq).toBe(seqBefore);
    const token = await signIn(pgHub);
    const list = await pgHub.app.inject({ url: '/v1/conversations', headers: { authorization: `Bearer ${token}` } });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Maria Okafor');
    // A retried handoff from before the move is still known; a new one takes the next seq.
    expect((await handOff(pgHub, 'migrate-bot:before:1')).statusCode).toBe(200);
    expect((await handOff(pgHub, 'migrate-bot:after:1')).statusCode).toBe(201);
    expect((await pgHub.app.inject({ url: '/healthz' })).json<{ seq: number }>().seq).toBeGreaterThan(seqBefore);
  });

  it('refuses to copy into a database that already holds a hub, and changes nothing there', async () => {
    const dataDir = tempDir('warmline-migrate-');
    const sqliteHub = await build({ databaseFile: join(dataDir, 'hub.sqlite') });
    await seedDemo(sqliteHub);
    await sqliteHub.app.close();
    const { databaseUrl } = await testDatabase();
    const used = await build({ databaseUrl: databaseUrl as string });
    hubs.push(used);
    await seedDemo(used);
    const people = async () => (await used.db.get<{ n: number }>('SELECT count(*) AS n FROM users'))?.n;
    const before = await people();
    await expect(runMigrateToCommand([databaseUrl as string, '--data', dataDir], () => {})).rejects.toThrow(/already holds data/);
    expect(await people()).toBe(before);
  });
});
