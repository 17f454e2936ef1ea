import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INTEGRATION_TOKEN } from '../../../src/hub/demo/seed';
import { chaosAgent, checkReplies, repliesDelivered } from '../../../scripts/chaos/agent-worker';
import { resumingClient } from '../../../scripts/chaos/stream-client';
import { startFloor, type Floor } from '../../../scripts/replicas/floor';
import { callbackReceiver, replayLog, storedCallbacks } from './floor-checks';
import { hasPostgres } from './private-postgres';

const HAPROXY = process.env.HAPROXY_BIN ?? '/usr/sbin/haproxy';
/** npm test's size; `npm run chaos` runs the same with WARMLINE_REPLICA_HANDOFFS raised. */
const HANDOFFS = Number(process.env.WARMLINE_REPLICA_HANDOFFS ?? 48);
/** The faults (replicas SIGKILLed, PostgreSQL crashed) run in `npm run chaos` (scripts/chaos/replica-faults.ts). */
const RUNS_FAULTS = process.env.WARMLINE_REPLICA_CHAOS === '1';
const DEMO_AGENTS: [string, string][] = [
  ['agent@demo', 'u_agent'],
  ['agent2@demo', 'u_agent2'],
  ['agent3@demo', 'u_agent3'],
];

const envelope = (run: string, n: number) => ({
  v: 1,
  id: `replica-bot:${run}:${n}`,
  source: { platform: 'generic', bot: 'replica-bot', conversationId: `${run}-${n}` },
  customer: { name: `Customer ${n}` },
  issue: { title: `Replica handoff ${n}` },
  transcript: [{ id: 't1', at: new Date().toISOString(), author: 'customer', text: `I need a human, case ${n}` }],
  routing: { queue: 'support', priority: 1 },
});

/** A bot posting to the balancer, retrying with the same envelope id until a 2xx, within a deadline. */
async function handOff(url: string, body: unknown, deadline: number): Promise<string> {
  while (Date.now() < deadline) {
    const response = await fetch(`${url}/v1/handoffs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_INTEGRATION_TOKEN}` },
      body: JSON.stringify(body),
    }).catch(() => null);
    if (response?.ok) return ((await response.json()) as { conversationId: string }).conversationId;
    if (response && response.status < 500 && response.status !== 429) throw new Error(`handoff refused ${response.status}: ${await response.text()}`);
    await new Promise((wait) => setTimeout(wait, 200));
  }
  throw new Error('a handoff got no 2xx before the deadline');
}

async function signIn(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'demo' }) });
  expect(response.ok).toBe(true);
  return ((await response.json()) as { token: string }).token;
}

async function until(what: string, timeoutMs: number, check: () => boolean | Promise<boolean>): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what} within ${timeoutMs} ms`);
    await new Promise((wait) => setTimeout(wait, 200));
  }
}

describe.skipIf(!hasPostgres || !existsSync(HAPROXY))('three hub replicas behind HAProxy on one PostgreSQL', () => {
  let floor: Floor;
  beforeAll(async () => {
    floor = await startFloor({ replicas: 3, hubArgs: ['--demo', '--offer-timeout', '4', '--heartbeat-ms', '1000'] });
  }, 240_000);
  afterAll(async () => {
    await floor?.stop();
  });

  it('answers /healthz 200 from every replica and through the balancer', async () => {
    for (const replica of floor.replicas) expect((await fetch(`${replica.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${floor.url}/healthz`)).status).toBe(200);
  });

  it.runIf(RUNS_FAULTS)('loses, doubles and reorders nothing for any resuming client while replicas die and PostgreSQL crashes', async () => {
    const run = `r${Date.now().toString(36)}`;
    const receiver = await callbackReceiver();
    const admin = await signIn(floor.url, 'admin@demo');
    const setCallback = await fetch(`${floor.url}/v1/admin/integrations/demo/callback`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ url: receiver.url }),
    });
    expect(setCallback.status).toBe(200);

    const supervisors = [1, 2].map((i) => resumingClient({ url: floor.url, email: 'supervisor@demo', name: `supervisor ${i}` }));
    const agents = DEMO_AGENTS.map(([email, userId]) => chaosAgent({ url: floor.url, email, userId, run }));
    await Promise.all([...supervisors, ...agents].map((client) => client.start()));

    // Faults at fixed points of the run: two replicas SIGKILLed and restarted, then PostgreSQL crashed.
    const faults: (() => Promise<void>)[] = [
      async () => {
        await floor.replicas[0]!.kill();
        await floor.replicas[0]!.start();
      },
      async () => {
        await floor.replicas[1]!.kill();
        await floor.replicas[1]!.start();
      },
      async () => {
        await floor.postgres!.stop('immediate');
        await new Promise((down) => setTimeout(down, 1500));
        await floor.postgres!.start();
      },
    ];
    const deadline = Date.now() + 180_000;
    const conversations = new Set<string>();
    let accepted = 0;
    let next = 0;
    const chaos: Promise<void>[] = [];
    const faultErrors: string[] = [];
    const bot = async () => {
      while (next < HANDOFFS) {
        const n = next++;
        conversations.add(await handOff(floor.url, envelope(run, n), deadline));
        accepted += 1;
        const fault = accepted % Math.floor(HANDOFFS / (faults.length + 1)) === 0 ? faults.shift() : undefined;
        if (fault) chaos.push(fault().catch((error: unknown) => void faultErrors.push(String(error))));
      }
    };
    await Promise.all(Array.from({ length: 6 }, bot));
    await Promise.all(chaos);
    await Promise.race([Promise.all(agents.map((agent) => agent.finish())), new Promise((wait) => setTimeout(wait, 60_000))]);

    const sawAll = () => supervisors.every((client) => [...conversations].every((id) => client.seen.has(`conversation:queued ${id}`))) && repliesDelivered(agents, supervisors);
    await until('every supervisor saw every handoff and reply', 60_000, sawAll);
    await until('every stored callback was delivered', 90_000, async () => (await storedCallbacks(floor.databaseUrl)).every((item) => item.isDelivered || item.isGivenUp));

    expect.soft(accepted).toBe(HANDOFFS);
    expect.soft(faults).toEqual([]);
    expect.soft(faultErrors).toEqual([]);
    // PostgreSQL's outage is answered with 503s, never by a replica dying.
    expect.soft(floor.replicas.map((replica) => [replica.name, replica.isRunning()])).toEqual(floor.replicas.map((replica) => [replica.name, true]));
    for (const client of supervisors) {
      const counts = [...conversations].map((id) => client.seen.get(`conversation:queued ${id}`) ?? 0);
      const strangers = [...client.seen.keys()].filter((key) => key.startsWith('conversation:queued ') && !conversations.has(key.slice('conversation:queued '.length)));
      expect.soft({ client: client.stats.name, lost: counts.filter((count) => count === 0).length, duplicated: counts.filter((count) => count > 1).length, outOfOrder: client.stats.outOfOrder, resyncs: client.stats.resyncs, strangers }).toEqual({
        client: client.stats.name,
        lost: 0,
        duplicated: 0,
        outOfOrder: 0,
        resyncs: 0,
        strangers: [],
      });
    }
    for (const delivery of checkReplies(agents, supervisors)) expect.soft(delivery).toMatchObject({ lost: 0, duplicated: 0, outOfOrder: 0 });
    for (const agent of agents) expect.soft(agent.stream.stats.outOfOrder).toBe(0);
    expect.soft(agents.reduce((sum, agent) => sum + agent.figures.accepted, 0)).toBeGreaterThan(0);

    const replay = await replayLog(floor.databaseUrl);
    expect.soft(replay.doubleOffers).toEqual([]);
    expect.soft(replay.overCapacity).toEqual([]);
    expect.soft([...replay.maxLoadSeen.values()].some((load) => load > 0)).toBe(true);

    const outbox = await storedCallbacks(floor.databaseUrl);
    expect.soft(outbox.length).toBeGreaterThan(0);
    expect.soft(outbox.filter((item) => !item.isDelivered)).toEqual([]);
    expect.soft(outbox.filter((item) => !receiver.received.has(item.id)).map((item) => item.id)).toEqual([]);

    [...supervisors, ...agents].forEach((client) => client.stop());
    await receiver.close();
  }, 400_000);
});
