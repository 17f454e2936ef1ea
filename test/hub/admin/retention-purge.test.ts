import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import { seedDemo } from '../../../src/hub/demo/seed';
import { createRetentionPurge, RETENTION_ACTOR } from '../../../src/hub/retention/purge';
import { envelope, integrationAuth, tempDir } from '../../support/hub';
import { testDatabase, testHub } from '../../support/test-store';
import { auditOf } from './admin-hub';

const DAY_MS = 24 * 3600_000;
const hubs: Hub[] = [];
afterEach(async () => {
  for (const hub of hubs.splice(0)) await hub.app.close();
});

/** A demo hub on a clock the test moves by days, driven through its HTTP routes. */
async function hubOnClock(options: { store?: { databaseFile?: string; databaseUrl?: string }; start?: string; retentionPurgeIntervalMs?: number } = {}) {
  const clock = { now: new Date(options.start ?? '2026-10-01T09:00:00.000Z') };
  const hub = await testHub({ ...options.store, now: () => clock.now, offerTimeoutMs: null, retentionPurgeIntervalMs: options.retentionPurgeIntervalMs });
  hubs.push(hub);
  await seedDemo(hub);
  const tokens = new Map<string, string>();
  const as = async (email: string) => {
    if (!tokens.has(email)) {
      const answer = await hub.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password: 'demo' } });
      tokens.set(email, (answer.json() as { token: string }).token);
    }
    return { authorization: `Bearer ${tokens.get(email)}` };
  };
  const call = async (email: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    hub.app.inject({ method, url, headers: await as(email), ...(payload ? { payload } : {}) });
  return {
    hub,
    clock,
    call,
    later(days: number) {
      // Sessions last hours, not days: sign in again after the jump.
      tokens.clear();
      clock.now = new Date(clock.now.getTime() + days * DAY_MS);
    },
    /** A handoff Alex accepts, asks about (a repeat-ask), flags and resolves. */
    async closedChat(): Promise<string> {
      await hub.context.presence.connected('u_agent');
      const posted = await hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: integrationAuth, payload: envelope() });
      const id = (posted.json() as { conversationId: string }).conversationId;
      await call('agent@demo', 'POST', `/v1/conversations/${id}/accept`);
      await call('agent@demo', 'POST', `/v1/conversations/${id}/messages`, { clientMessageId: `m-${id}`, text: 'What is your order number?' });
      await call('agent@demo', 'POST', `/v1/conversations/${id}/flags`, { message: 'Check the refund policy' });
      const resolved = await call('agent@demo', 'POST', `/v1/conversations/${id}/resolve`, { disposition: 'solved' });
      expect(resolved.statusCode).toBe(200);
      return id;
    },
    setRetention: (hubDays: number | null) => call('admin@demo', 'PUT', '/v1/admin/retention', { hubDays, desktopCacheDays: 90 }),
    async rowsOf(id: string): Promise<Record<string, number>> {
      const count = async (sql: string) => (await hub.db.get<{ n: number }>(sql, [id]))?.n ?? 0;
      return {
        conversations: await count('SELECT count(*) AS n FROM conversations WHERE id = ?'),
        events: await count('SELECT count(*) AS n FROM events WHERE conversation_id = ?'),
        audience: await count('SELECT count(*) AS n FROM event_audience WHERE seq IN (SELECT seq FROM events WHERE conversation_id = ?)'),
        messages: await count('SELECT count(*) AS n FROM messages WHERE conversation_id = ?'),
        flags: await count('SELECT count(*) AS n FROM flags WHERE conversation_id = ?'),
        repeatAsks: await count('SELECT count(*) AS n FROM repeat_asks WHERE conversation_id = ?'),
        facts: await count('SELECT count(*) AS n FROM conversation_facts WHERE id = ?'),
      };
    },
  };
}

describe('hub retention', () => {
  it('purges a conversation closed longer ago than the retention, with all it left behind, and keeps recent and live ones', async () => {
    const h = await hubOnClock();
    const old = await h.closedChat();
    expect(Object.values(await h.rowsOf(old)).every((count) => count > 0)).toBe(true);
    h.later(25);
    const recent = await h.closedChat();
    const live = (await h.hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: integrationAuth, payload: envelope() })).json().conversationId as string;
    expect((await h.setRetention(30)).statusCode).toBe(200);
    h.later(10);

    const result = await createRetentionPurge(h.hub.db, () => h.clock.now).run();

    expect(result).toEqual({ conversations: 1, hasMore: false });
    expect(await h.rowsOf(old)).toEqual({ conversations: 0, events: 0, audience: 0, messages: 0, flags: 0, repeatAsks: 0, facts: 0 });
    expect((await h.call('supervisor@demo', 'GET', `/v1/conversations/${old}`)).statusCode).toBe(404);
    expect((await h.call('supervisor@demo', 'GET', `/v1/conversations/${recent}`)).statusCode).toBe(200);
    expect((await h.call('supervisor@demo', 'GET', `/v1/conversations/${live}`)).statusCode).toBe(200);
    const { entries } = (await h.call('admin@demo', 'GET', '/v1/admin/audit')).json() as { entries: { actor: { name: string }; action: string; after: { conversations: number } }[] };
    expect(entries[0]).toMatchObject({ actor: { name: RETENTION_ACTOR.name }, action: 'retention.purged', after: { conversations: 1 } });
  });

  it('keeps every conversation while the retention is unset, and writes no audit entry', async () => {
    const h = await hubOnClock();
    const old = await h.closedChat();
    h.later(3650);
    const audited = (await auditOf(h.hub.db)).length;

    expect(await createRetentionPurge(h.hub.db, () => h.clock.now).run()).toEqual({ conversations: 0, hasMore: false });
    expect((await h.rowsOf(old)).conversations).toBe(1);
    expect(await auditOf(h.hub.db)).toHaveLength(audited);
  });

  it('purges in bounded batches, telling the job there is more', async () => {
    const h = await hubOnClock();
    for (let i = 0; i < 5; i += 1) await h.closedChat();
    await h.setRetention(1);
    h.later(2);
    const purge = createRetentionPurge(h.hub.db, () => h.clock.now);

    expect(await purge.run({ batchSize: 2, maxBatches: 2 })).toEqual({ conversations: 4, hasMore: true });
    expect(await purge.run({ batchSize: 2, maxBatches: 2 })).toEqual({ conversations: 1, hasMore: false });
  });

  it('runs at the hub’s start and then on its schedule, with the hub’s clock', async () => {
    // The same store across the restart: a SQLite file, or the suite's PostgreSQL database.
    const { databaseUrl } = await testDatabase();
    const store = databaseUrl ? { databaseUrl } : { databaseFile: join(tempDir('warmline-retention-'), 'hub.sqlite') };
    const first = await hubOnClock({ store, retentionPurgeIntervalMs: 200 });
    const atStart = await first.closedChat();
    await first.setRetention(7);
    first.later(3);
    const onSchedule = await first.closedChat();
    await first.hub.app.close();
    hubs.splice(0);

    // Restarted 8 days after the first chat closed: the start run purges it, not the later one.
    const second = await hubOnClock({ store, start: new Date(first.clock.now.getTime() + 5 * DAY_MS).toISOString(), retentionPurgeIntervalMs: 200 });
    await vi.waitFor(async () => expect((await second.rowsOf(atStart)).conversations).toBe(0));
    expect((await second.rowsOf(onSchedule)).conversations).toBe(1);

    second.later(5);
    await vi.waitFor(async () => expect((await second.rowsOf(onSchedule)).conversations).toBe(0), { timeout: 5_000 });
  });
});
