import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CoreEvent } from '../../../src/shared/ipc';
import { createCore, type Core } from '../../../src/main/core/create-core';
import type { Notifier } from '../../../src/main/notify/notifier';
import { startHub, type RunningHub } from '../../../src/hub/server';
import { envelope, openStream, postHandoff, signIn, tempDir } from '../../support/hub';

let hub: RunningHub | null = null;
let core: Core | null = null;
afterEach(async () => {
  core?.close();
  await hub?.close();
  core = null;
  hub = null;
});

function recording() {
  const shown: { title: string; body: string }[] = [];
  const notifier: Notifier = { notify: (notification) => void shown.push(notification) };
  return { notifier, shown };
}

describe('the desktop core against a real hub', () => {
  it('caches an offer, notifies once by customer name and issue, and accepts it', async () => {
    hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: tempDir(), demo: true });
    const { notifier, shown } = recording();
    core = createCore({ dataDir: tempDir(), defaultHubUrl: hub.url, notifier });
    const events: CoreEvent[] = [];
    core.onEvent((event) => events.push(event));
    await core.signIn({ email: 'agent@demo', password: 'demo' });
    await vi.waitUntil(() => core!.session().connection.status === 'online', { timeout: 8_000 });
    const id = (await postHandoff(hub.url, envelope())).json.conversationId!;
    await vi.waitUntil(() => core!.list().some((item) => item.id === id && item.state === 'offered'), { timeout: 8_000 });
    await vi.waitUntil(() => shown.length === 1, { timeout: 8_000 });
    // Sound is on unless the agent turned it off in their preferences.
    expect(shown[0]).toEqual({ id, title: 'Maria Okafor', body: expect.stringContaining('Refund for boots outside the 30-day window'), sound: true });
    const accepted = await core.accept(id);
    expect(accepted.state).toBe('assigned');
    expect(accepted.envelope.transcript.map((turn) => turn.text)).toEqual(['I want to return my boots', 'Sure. What is your order number?']);
    expect(events.some((event) => event.type === 'conversation:changed' && event.item.id === id)).toBe(true);
    expect(shown).toHaveLength(1);
  });

  it('has the conversation a notification names in its cache, transcript and all, as soon as the agent could open it', async () => {
    hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: tempDir(), demo: true });
    const openedAt: { id: string; state: string | undefined; turns: number }[] = [];
    const notifier: Notifier = {
      notify(notification) {
        // The earliest a click could run: as soon as the core's own handling of the frame is done.
        queueMicrotask(() => {
          const cached = core!.get(notification.id);
          openedAt.push({ id: notification.id, state: cached?.state, turns: cached?.envelope.transcript.length ?? 0 });
        });
      },
    };
    core = createCore({ dataDir: tempDir(), defaultHubUrl: hub.url, notifier });
    await core.signIn({ email: 'agent@demo', password: 'demo' });
    await vi.waitUntil(() => core!.session().connection.status === 'online', { timeout: 8_000 });

    const id = (await postHandoff(hub.url, envelope())).json.conversationId!;
    await vi.waitUntil(() => openedAt.length === 1, { timeout: 8_000 });

    expect(openedAt).toEqual([{ id, state: 'offered', turns: 2 }]);
  });

  it('does not notify an offer again when the hub replays it to a restarted, re-signed-in core', async () => {
    hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: tempDir(), demo: true });
    const { notifier, shown } = recording();
    const cacheDir = tempDir();
    core = createCore({ dataDir: cacheDir, defaultHubUrl: hub.url, notifier });
    await core.signIn({ email: 'agent@demo', password: 'demo' });
    await vi.waitUntil(() => core!.session().connection.status === 'online', { timeout: 8_000 });
    const id = (await postHandoff(hub.url, envelope())).json.conversationId!;
    await vi.waitUntil(() => shown.length === 1, { timeout: 8_000 });

    // Signing out forgets the cursor, so the hub replays every event since the start, the offer too.
    await core.signOut();
    core.close();
    core = createCore({ dataDir: cacheDir, defaultHubUrl: hub.url, notifier });
    await core.signIn({ email: 'agent@demo', password: 'demo' });
    await vi.waitUntil(() => core!.session().connection.status === 'online' && core!.session().connection.lastSeq > 0, { timeout: 8_000 });

    expect(core.get(id)?.state).toBe('offered');
    expect(shown.map((notification) => notification.title)).toEqual(['Maria Okafor']);
  });

  it('caches an offer but stays silent while the agent is on do-not-disturb', async () => {
    hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: tempDir(), demo: true });
    const { notifier, shown } = recording();
    core = createCore({ dataDir: tempDir(), defaultHubUrl: hub.url, notifier });
    await core.signIn({ email: 'agent@demo', password: 'demo' });
    await vi.waitUntil(() => core!.session().connection.status === 'online', { timeout: 8_000 });
    core.workstation.setPreferences({ doNotDisturb: true });

    const id = (await postHandoff(hub.url, envelope())).json.conversationId!;
    await vi.waitUntil(() => core!.list().some((item) => item.id === id && item.state === 'offered'), { timeout: 8_000 });

    expect(shown).toEqual([]);
  });

  it('keeps replies written while the hub is down and delivers them once each, in order, when it is back', async () => {
    const hubDir = tempDir();
    hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: hubDir, demo: true });
    const port = hub.port;
    core = createCore({ dataDir: tempDir(), defaultHubUrl: hub.url, notifier: recording().notifier });
    await core.signIn({ email: 'agent@demo', password: 'demo' });
    await vi.waitUntil(() => core!.session().connection.status === 'online', { timeout: 8_000 });
    const id = (await postHandoff(hub.url, envelope())).json.conversationId!;
    await vi.waitUntil(() => core!.list().some((item) => item.id === id && item.state === 'offered'), { timeout: 8_000 });
    await core.accept(id);

    await hub.close();
    await vi.waitUntil(() => core!.session().connection.status === 'offline', { timeout: 8_000 });
    const texts = Array.from({ length: 20 }, (_, i) => `offline reply ${i + 1}`);
    for (const text of texts) core.reply(id, text);
    expect(core.get(id)!.pending.map((message) => message.text)).toEqual(texts);
    expect(core.get(id)!.pending.every((message) => message.status === 'pending')).toBe(true);

    hub = await startHub({ port, host: '127.0.0.1', dataDir: hubDir, demo: true });
    await vi.waitUntil(() => core!.session().connection.status === 'online', { timeout: 20_000 });
    await vi.waitUntil(() => core!.get(id)!.pending.length === 0, { timeout: 10_000 });

    const supervisor = await openStream(hub.url, await signIn(hub.url, 'supervisor@demo'));
    const delivered = await (await fetch(`${hub.url}/v1/conversations/${id}`, { headers: { authorization: `Bearer ${await signIn(hub.url, 'supervisor@demo')}` } })).json() as { messages: { author: string; text: string }[] };
    expect(delivered.messages.filter((m) => m.author === 'agent').map((m) => m.text)).toEqual(texts);
    expect(core.get(id)!.messages.filter((m) => m.author === 'agent').map((m) => m.text)).toEqual(texts);
    supervisor.close();
  }, 60_000);

  it('opens from its cache with the hub down and says it is offline', async () => {
    const cacheDir = tempDir();
    hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: tempDir(), demo: true });
    core = createCore({ dataDir: cacheDir, defaultHubUrl: hub.url, notifier: recording().notifier });
    await core.signIn({ email: 'agent@demo', password: 'demo' });
    const id = (await postHandoff(hub.url, envelope())).json.conversationId!;
    await vi.waitUntil(() => core!.list().some((item) => item.id === id), { timeout: 8_000 });
    core.close();
    await hub.close();
    hub = null;

    core = createCore({ dataDir: cacheDir, defaultHubUrl: 'http://127.0.0.1:9', notifier: recording().notifier });
    core.start();
    expect(core.session().user?.email).toBe('agent@demo');
    expect(core.list().map((item) => item.customerName)).toEqual(['Maria Okafor']);
    await vi.waitUntil(() => core!.session().connection.status === 'offline', { timeout: 8_000 });
    expect(core.session().connection.detail).toBeTruthy();
  });
});
