import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCore, type Core } from '../../../src/main/core/create-core';
import { startHub, type RunningHub } from '../../../src/hub/server';
import { envelope, postHandoff, signIn, tempDir } from '../../support/hub';

let hub: RunningHub | null = null;
let core: Core | null = null;
afterEach(async () => {
  core?.close();
  await hub?.close();
  core = null;
  hub = null;
});

describe('a session the hub ends', () => {
  it('signs the workstation out, says why, and keeps the cache for the same person', async () => {
    hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: tempDir(), demo: true });
    core = createCore({ dataDir: tempDir(), defaultHubUrl: hub.url, notifier: { notify: () => undefined } });
    await core.signIn({ email: 'agent@demo', password: 'demo' });
    await vi.waitUntil(() => core!.session().connection.status === 'online', { timeout: 8_000 });
    const id = (await postHandoff(hub.url, envelope())).json.conversationId!;
    await vi.waitUntil(() => core!.list().some((item) => item.id === id), { timeout: 8_000 });

    const admin = await signIn(hub.url, 'admin@demo');
    const answer = await fetch(`${hub.url}/v1/admin/people/u_agent/deactivate`, { method: 'POST', headers: { authorization: `Bearer ${admin}` } });
    expect(answer.status).toBe(200);

    await vi.waitUntil(() => core!.session().user === null, { timeout: 8_000 });
    expect(core.session().connection).toMatchObject({ status: 'signed-out', detail: 'Your session has ended: it expired, or an admin signed you out. Sign in again.' });
    expect(core.list().some((item) => item.id === id)).toBe(true);
  });
});
