import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentStatus } from '../../../src/shared/conversation';
import type { HubEvent } from '../../../src/shared/protocol';
import { startHub, type RunningHub } from '../../../src/hub/server';
import { envelope, openStream, postHandoff, signIn, tempDir } from '../../support/hub';
import { killableReplica } from '../../support/replica-process';
import { onPostgres, testDatabase } from '../../support/test-store';

const OFFER_TIMEOUT_S = 5;

const hubs: RunningHub[] = [];
const children: ChildProcess[] = [];
const streams: { close(): void }[] = [];
afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const hub of hubs.splice(0)) await hub.close();
});

async function replica(databaseUrl: string, demo: boolean): Promise<string> {
  const running = await startHub({ port: 0, host: '127.0.0.1', dataDir: tempDir(), databaseUrl, demo, offerTimeoutMs: OFFER_TIMEOUT_S * 1000 });
  hubs.push(running);
  return running.url;
}

/** A replica in a process of its own, with the demo accounts, so it can die the way a crashed server does (SIGKILL). */
async function doomedReplica(databaseUrl: string, wrapUpSeconds = 0): Promise<{ child: ChildProcess; url: string }> {
  const replica = await killableReplica(databaseUrl, ['--offer-timeout', String(OFFER_TIMEOUT_S), '--wrap-up', String(wrapUpSeconds)]);
  children.push(replica.child);
  return replica;
}

async function stream(url: string, email: string) {
  const opened = await openStream(url, await signIn(url, email));
  streams.push(opened);
  await opened.waitFor(() => opened.messages.find((message) => message.type === 'welcome'));
  return opened;
}
type Stream = Awaited<ReturnType<typeof stream>>;

/** The agent as the supervisor's latest live snapshot shows them. */
function agentOn(supervisor: Stream, agentId: string): AgentStatus | undefined {
  const snapshots = supervisor.messages.flatMap((message) => (message.type === 'agents' ? [message.agents] : []));
  return snapshots.at(-1)?.find((agent) => agent.id === agentId);
}

const offerOf = (agent: Stream, id: string) => () =>
  agent.events().find((event): event is Extract<HubEvent, { type: 'conversation:offered' }> => event.type === 'conversation:offered' && event.conversationId === id);

async function put(url: string, token: string, path: string, body: unknown, method = 'PUT'): Promise<number> {
  const response = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return response.status;
}

describe.skipIf(!onPostgres)('presence on replicas of one PostgreSQL database (skipped on SQLite: one process holds every connection)', () => {
  it('offers a handoff posted to one replica to an agent connected to another, remembers their decline there, and shows their presence to a supervisor on the first', async () => {
    const { databaseUrl } = await testDatabase();
    if (!databaseUrl) throw new Error('the hub-postgres project gives a database URL');
    const a = await replica(databaseUrl, true);
    const b = await replica(databaseUrl, false);
    const supervisor = await stream(a, 'supervisor@demo');
    const alexToken = await signIn(b, 'agent@demo');
    const alex = await stream(b, 'agent@demo');
    await supervisor.waitFor(() => (agentOn(supervisor, 'u_agent')?.presence === 'available' ? true : undefined), 10_000);

    const first = (await postHandoff(a, envelope())).json.conversationId!;
    await alex.waitFor(offerOf(alex, first), 10_000);
    expect(await put(b, alexToken, `/v1/conversations/${first}/decline`, { reason: 'not mine' }, 'POST')).toBe(204);
    // Replica A routes the next handoff: it passes over the declined chat for Alex, and offers the new one.
    const second = (await postHandoff(a, envelope())).json.conversationId!;
    await alex.waitFor(offerOf(alex, second), 10_000);
    const offersOfFirst = alex.events().filter((event) => event.type === 'conversation:offered' && event.conversationId === first);
    expect(offersOfFirst).toHaveLength(1);

    expect(await put(b, alexToken, '/v1/me/presence', { presence: 'away', reason: 'Lunch' })).toBe(200);
    const away = await supervisor.waitFor(() => {
      const shown = agentOn(supervisor, 'u_agent');
      return shown?.presence === 'away' ? shown : undefined;
    }, 10_000);
    expect(away.presenceReason).toBe('Lunch');
  });

  it("shows a killed replica's agent offline to everyone once its lease runs out, and moves their open offer on", async () => {
    const { databaseUrl } = await testDatabase();
    if (!databaseUrl) throw new Error('the hub-postgres project gives a database URL');
    const doomed = await doomedReplica(databaseUrl);
    const a = await replica(databaseUrl, false);
    const supervisor = await stream(a, 'supervisor@demo');
    const alex = await stream(doomed.url, 'agent@demo');
    await supervisor.waitFor(() => (agentOn(supervisor, 'u_agent')?.presence === 'available' ? true : undefined), 10_000);
    const id = (await postHandoff(a, envelope())).json.conversationId!;
    await alex.waitFor(offerOf(alex, id), 10_000);
    const sam = await stream(a, 'agent2@demo');

    doomed.child.kill('SIGKILL');
    const killedAt = Date.now();
    await supervisor.waitFor(() => (agentOn(supervisor, 'u_agent')?.presence === 'offline' ? true : undefined), 30_000);
    console.info(`a killed replica's agent showed offline ${Date.now() - killedAt} ms after the kill`);
    await sam.waitFor(offerOf(sam, id), (OFFER_TIMEOUT_S + 10) * 1000);
  });

  it('ends a wrap-up on time and offers the agent waiting work though the replica that started it was killed', async () => {
    const { databaseUrl } = await testDatabase();
    if (!databaseUrl) throw new Error('the hub-postgres project gives a database URL');
    const wrapUpSeconds = 6;
    const doomed = await doomedReplica(databaseUrl, wrapUpSeconds);
    const a = await replica(databaseUrl, false);
    const supervisor = await stream(a, 'supervisor@demo');
    const token = await signIn(doomed.url, 'agent@demo');
    const alex = await stream(doomed.url, 'agent@demo');
    const first = (await postHandoff(a, envelope())).json.conversationId!;
    await alex.waitFor(offerOf(alex, first), 10_000);
    expect(await put(doomed.url, token, `/v1/conversations/${first}/accept`, {}, 'POST')).toBe(200);
    expect(await put(doomed.url, token, `/v1/conversations/${first}/resolve`, { disposition: 'solved' }, 'POST')).toBe(200);
    const wrapping = await supervisor.waitFor(() => {
      const shown = agentOn(supervisor, 'u_agent');
      return shown?.presenceReason === 'Wrap-up' ? shown : undefined;
    }, 10_000);
    const until = Date.parse(wrapping.presenceUntil!);

    // The replica that started the wrap-up dies; Alex's desktop reconnects to A, and a chat waits for them.
    doomed.child.kill('SIGKILL');
    const back = await stream(a, 'agent@demo');
    const second = (await postHandoff(a, envelope())).json.conversationId!;
    await back.waitFor(offerOf(back, second), (wrapUpSeconds + 10) * 1000);
    const lateMs = Date.now() - until;
    console.info(`the wrap-up of a killed replica ended, and the waiting chat was offered, ${lateMs} ms after its end`);
    expect(lateMs).toBeGreaterThanOrEqual(0);
    // On time: within the sweep's takeover (one leadership poll) and its one-second round.
    expect(lateMs).toBeLessThan(5000);
  });
});
