import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningHub } from '../../../src/hub/server';
import type { createCore } from '../../../src/main/core/create-core';
import type { User } from '../../../src/shared/conversation';
import type { CoreEvent } from '../../../src/shared/ipc';
import { listeningHub, signIn } from '../../support/hub';
import { conversationView } from '../cache/fixtures/conversations';
import { coreOn, seedCache } from './core-with-cache';

const DAY_MS = 24 * 3600_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

// One hub for the file: each test sets the admin's default itself before its workstation starts.
let running: RunningHub | null = null;
let admin = '';
let core: ReturnType<typeof createCore> | null = null;
beforeAll(async () => {
  running = await listeningHub();
  admin = await signIn(running.url, 'admin@demo');
});
afterEach(() => {
  core?.close();
  core = null;
});
afterAll(async () => {
  await running?.close();
  running = null;
});

/** The demo hub with the admin's desktop cache default set, and agent@demo's cache with chats of these ages. */
async function workstationOf(desktopCacheDays: number, ages: Record<string, number>, overrides: Parameters<typeof coreOn>[1] = {}) {
  if (!running) throw new Error('the hub is not running');
  const set = await fetch(`${running.url}/v1/admin/retention`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ hubDays: null, desktopCacheDays }),
  });
  expect(set.status).toBe(200);
  const token = await signIn(running.url, 'agent@demo');
  const user: User = { id: 'u_agent', email: 'agent@demo', name: 'Alex Agent', role: 'agent', queues: ['support', 'billing'] };
  const views = Object.entries(ages).map(([id, age]) => conversationView({ id, updatedAt: daysAgo(age) }));
  const dataDir = seedCache(views, { user, hubUrl: running.url, token });
  core = coreOn(dataDir, { defaultHubUrl: running.url, ...overrides });
  const events: CoreEvent[] = [];
  core.onEvent((event) => events.push(event));
  const ids = () => core!.list().map((item) => item.id).sort();
  return { core, events, ids };
}

describe('the desktop cache keeps what the hub admin chose by default', () => {
  it('purges with the admin’s 30 days once the hub tells it, and says so', async () => {
    const { core, events, ids } = await workstationOf(30, { 'forty-days': 40, 'ten-days': 10 });

    core.start();

    await vi.waitFor(() => expect(ids()).toEqual(['ten-days']), { timeout: 10_000 });
    expect(events).toContainEqual({ type: 'history:purged', count: 1 });
  });

  it('keeps a chat older than 90 days when the admin keeps a year: the start purge waits for the hub', async () => {
    const { core, events, ids } = await workstationOf(365, { 'four-months': 120, 'two-years': 730 });

    core.start();

    // The two-year-old chat going proves the hub's answer was applied; the four-month one stays.
    await vi.waitFor(() => expect(ids()).toEqual(['four-months']), { timeout: 10_000 });
    expect(events.filter((event) => event.type === 'history:purged')).toEqual([{ type: 'history:purged', count: 1 }]);
  });

  it('keeps the period the workstation was given over the hub’s default', async () => {
    const { core, ids } = await workstationOf(30, { 'forty-days': 40, 'two-hundred-days': 200 }, { retentionDays: 180 });

    core.start();

    expect(ids()).toEqual(['forty-days']);
    await vi.waitFor(() => expect(core.session().connection.status).toBe('online'), { timeout: 10_000 });
    // Sentinel: the same settings request, sent after the welcome, has been answered; the 40-day chat stays.
    const settings = await fetch(`${running!.url}/v1/me/settings`, { headers: { authorization: `Bearer ${await signIn(running!.url, 'agent@demo')}` } });
    expect(await settings.json()).toEqual({ cacheRetentionDays: 30 });
    expect(ids()).toEqual(['forty-days']);
  });
});
