import { afterEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/hub/auth/tokens';
import { wallboardEvent } from '../../src/hub/auth/wallboard-events';
import { DEMO_WALLBOARD_TOKEN } from '../../src/hub/demo/seed';
import { wallboardCsp } from '../../src/hub/routes/wallboard';
import type { RunningHub } from '../../src/hub/server';
import type { HubEvent } from '../../src/shared/protocol';
import type { WallboardSnapshot } from '../../src/shared/wallboard';
import { applyEvents } from '../../src/shared/wallboard-fold';
import { envelope, listeningHub, openStream, postHandoff, signIn } from '../support/hub';

const midnight = () => {
  const day = new Date();
  day.setHours(0, 0, 0, 0);
  return day.toISOString();
};

async function snapshot(hub: RunningHub, token: string): Promise<{ status: number; body: WallboardSnapshot }> {
  const response = await fetch(`${hub.url}/v1/wallboard/snapshot?dayStart=${encodeURIComponent(midnight())}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: (await response.json()) as WallboardSnapshot };
}

describe('wallboard on the hub', () => {
  let hub: RunningHub | null = null;
  afterEach(async () => {
    await hub?.close();
    hub = null;
  });

  it('counts today’s handoffs and lists the waiting one in the snapshot, without the customer’s name or words', async () => {
    hub = await listeningHub();
    const handoff = await postHandoff(hub.url, envelope());
    const { status, body } = await snapshot(hub, DEMO_WALLBOARD_TOKEN);
    expect(status).toBe(200);
    expect(body.board.today.handoffs).toBe(1);
    expect(body.board.reasons.bot_failure).toBe(1);
    expect(body.board.active[handoff.json.conversationId!]).toMatchObject({ queue: 'support', state: 'queued', isAnswered: false });
    expect(body.board.queueNames).toEqual({ billing: 'Billing', fraud: 'Fraud', support: 'Customer support' });
    expect(body.board.serviceLevels.support).toEqual({ targetSeconds: 60, thresholdPercent: 80 });
    expect(body.board.seq).toBeGreaterThan(0);
    const text = JSON.stringify(body);
    expect(text).not.toContain('Maria');
    expect(text).not.toContain('boots');
  });

  it('reads the board at one moment: handoffs landing while it is read are counted once, in the snapshot or in the events after it', async () => {
    hub = await listeningHub();
    const posted = Array.from({ length: 8 }, () => postHandoff(hub!.url, envelope()));
    const { body } = await snapshot(hub, DEMO_WALLBOARD_TOKEN);
    const ids = await Promise.all(posted).then((answers) => answers.map((answer) => answer.json.conversationId!));

    // What the page does next: fold the events after the snapshot's seq into it.
    const board = body.board;
    const after = await hub.hub.context.events.forQueues(['billing', 'fraud', 'support'], board.seq, 100);
    const dayMs = 24 * 3600_000;
    applyEvents(board, after.map(wallboardEvent).filter((event): event is HubEvent => event !== null), (ms) => board.dayStart + Math.floor((ms - board.dayStart) / dayMs) * dayMs);
    expect(board.today.handoffs).toBe(8);
    expect(Object.keys(board.active).sort()).toEqual([...ids].sort());
  });

  it('refuses the snapshot to an agent and to a caller without a session', async () => {
    hub = await listeningHub();
    expect((await snapshot(hub, await signIn(hub.url, 'agent@demo'))).status).toBe(403);
    expect((await snapshot(hub, 'not-a-token')).status).toBe(401);
  });

  it('streams redacted lifecycle events to a wallboard live and replays them from its last seq', async () => {
    hub = await listeningHub();
    const live = await openStream(hub.url, DEMO_WALLBOARD_TOKEN, 0);
    await live.waitFor(() => live.messages.find((message) => message.type === 'welcome'));
    const first = await postHandoff(hub.url, envelope());
    const queued = await live.waitFor(() => live.events().find((event) => event.type === 'conversation:queued'));
    expect(queued.conversationId).toBe(first.json.conversationId);
    expect(JSON.stringify(live.messages)).not.toContain('boots');
    live.socket.close();

    await postHandoff(hub.url, envelope());
    const resumed = await openStream(hub.url, DEMO_WALLBOARD_TOKEN, queued.seq);
    const replayed = await resumed.waitFor(() => resumed.events().find((event) => event.type === 'conversation:queued'));
    expect(replayed.seq).toBeGreaterThan(queued.seq);
    expect(replayed.type === 'conversation:queued' && replayed.conversation.envelope.transcript).toEqual([]);
    expect(resumed.events().some((event) => event.type === 'message:added')).toBe(false);
    resumed.socket.close();
  });

  it('lets the hub’s own wallboard page open the stream (same origin) but not another site', async () => {
    hub = await listeningHub();
    const { default: WebSocket } = await import('ws');
    const open = (origin: string) =>
      new Promise<number | 'open'>((resolve) => {
        const socket = new WebSocket(`${hub!.url.replace('http', 'ws')}/v1/stream`, { headers: { origin } });
        socket.once('open', () => {
          socket.close();
          resolve('open');
        });
        socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        socket.once('error', () => resolve(0));
      });
    expect(await open(hub.url)).toBe('open');
    expect(await open('https://evil.example')).toBe(403);
  });

  it('keeps a wallboard session alive while it is used, but not an agent’s', async () => {
    hub = await listeningHub();
    const { db } = hub.hub;
    const agentToken = await signIn(hub.url, 'agent@demo');
    const soon = new Date(Date.now() + 60_000).toISOString();
    const expiry = async (token: string) =>
      (await db.get<{ expires_at: string }>('SELECT expires_at FROM sessions WHERE token_hash = ?', [hashToken(token)]))!.expires_at;
    await db.run('UPDATE sessions SET expires_at = ?', [soon]);

    await snapshot(hub, DEMO_WALLBOARD_TOKEN);
    await fetch(`${hub.url}/v1/wallboard/snapshot?dayStart=${encodeURIComponent(midnight())}`, { headers: { authorization: `Bearer ${agentToken}` } });

    expect(Date.parse(await expiry(DEMO_WALLBOARD_TOKEN))).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000);
    expect(await expiry(agentToken)).toBe(soon);
  });

  it('sends /wallboard to /wallboard/ with its token, so the page’s relative assets resolve', async () => {
    hub = await listeningHub();
    const response = await fetch(`${hub.url}/wallboard?token=abc`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/wallboard/?token=abc');
    const asset = await fetch(`${hub.url}/wallboard/assets/..%2Fwallboard.html`);
    expect(asset.status).toBe(404);
  });

  it('allows the page to reach only its own hub', () => {
    const csp = wallboardCsp('127.0.0.1:4700');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:4700 wss://127.0.0.1:4700");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
  });
});
