import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { build, type Hub } from '../../src/hub/app';
import { DEMO_INTEGRATION_TOKEN, DEMO_WALLBOARD_TOKEN, seedDemo } from '../../src/hub/demo/seed';
import { startHub } from '../../src/hub/server';
import { startBridgeServer } from '../../src/main/browser/bridge-server';
import type { Handlers } from '../../src/main/core/handlers';
import { sampleEnvelope } from './http-fuzz';

/** One attack of issue 20's classes: held when the hub refused it and the legitimate use still worked. */
interface Attack {
  kind: string;
  name: string;
  run(): Promise<boolean>;
}

export interface AttackFigures {
  byClass: Record<string, { tried: number; held: number }>;
  broken: string[];
}

const bot = { authorization: `Bearer ${DEMO_INTEGRATION_TOKEN}` };
const temp = () => mkdtempSync(join(tmpdir(), 'warmline-attack-'));

async function demo(options: Parameters<typeof build>[0] = { databaseFile: ':memory:' }): Promise<Hub> {
  const hub = await build(options);
  await seedDemo(hub);
  return hub;
}

const statusOf = (port: number, path: string, headers: Record<string, string>) =>
  new Promise<number>((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    })
      .once('error', reject)
      .end();
  });

const upgrade = (url: string, origin: string, headers: Record<string, string> = {}) =>
  new Promise<number | 'open'>((resolve) => {
    const socket = new WebSocket(url, { origin, headers });
    socket.once('open', () => (socket.close(), resolve('open')));
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', () => resolve(0));
  });

async function bridgeAttacks(): Promise<{ attacks: Attack[]; close(): Promise<void> }> {
  const dir = temp();
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Warmline</title>');
  const server = await startBridgeServer({ rendererDir: dir, handlers: {} as Handlers, onEvent: () => () => undefined });
  const { origin, port, url } = server;
  const exchanged = await fetch(url, { redirect: 'manual' });
  const cookie = (exchanged.headers.get('set-cookie') ?? '').split(';')[0]!;
  const attacks: Attack[] = [
    { kind: 'browser bridge', name: 'page without the key', run: async () => (await fetch(`${origin}/`)).status === 403 },
    { kind: 'browser bridge', name: 'wrong token', run: async () => (await fetch(`${origin}/?token=guess`, { redirect: 'manual' })).status === 403 },
    { kind: 'browser bridge', name: 'forged Origin, no cookie', run: async () => (await upgrade(`ws://127.0.0.1:${port}/bridge`, origin)) === 403 },
    { kind: 'browser bridge', name: 'rebound Host', run: async () => (await statusOf(port, '/', { cookie, host: `rebind.attacker.test:${port}` })) === 421 },
    { kind: 'browser bridge', name: 'the tab with the key still connects', run: async () => (await upgrade(`ws://127.0.0.1:${port}/bridge`, origin, { cookie })) === 'open' },
  ];
  return { attacks, close: () => server.close() };
}

function hubAttacks(): Attack[] {
  return [
    {
      kind: 'customer chat',
      name: 'chat on a hub that did not ask for it',
      run: async () => {
        const hub = await demo();
        const answer = await hub.app.inject({ method: 'POST', url: '/v1/chat/sessions', payload: { name: 'x' } });
        await hub.app.close();
        return answer.statusCode === 404;
      },
    },
    {
      kind: 'customer chat',
      name: 'chat sessions flood from one address',
      run: async () => {
        const hub = await demo({ databaseFile: ':memory:', customerChat: true });
        const statuses: number[] = [];
        for (let index = 0; index < 12; index += 1) statuses.push((await hub.app.inject({ method: 'POST', url: '/v1/chat/sessions', payload: { name: 'x' }, remoteAddress: '203.0.113.1' })).statusCode);
        await hub.app.close();
        return statuses.includes(429) && statuses[0] === 201;
      },
    },
    {
      kind: 'integration rate limit',
      name: '/v1/integrations/:platform past the integration limit',
      run: async () => {
        const hub = await demo({ databaseFile: ':memory:', integrationRateLimit: { max: 3, timeWindowMs: 60_000 } });
        const statuses: number[] = [];
        for (let index = 0; index < 5; index += 1) statuses.push((await hub.app.inject({ method: 'POST', url: '/v1/integrations/rasa', headers: bot, payload: {} })).statusCode);
        await hub.app.close();
        return statuses.slice(3).every((status) => status === 429);
      },
    },
    {
      kind: 'login',
      name: 'password guessing on one account',
      run: async () => {
        const hub = await demo();
        for (let index = 0; index < 6; index += 1) await hub.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email: 'agent@demo', password: `g${index}` } });
        const locked = await hub.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email: 'agent@demo', password: 'demo' } });
        const other = await hub.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email: 'supervisor@demo', password: 'demo' }, remoteAddress: '192.0.2.9' });
        await hub.app.close();
        return locked.statusCode === 429 && other.statusCode === 201;
      },
    },
    {
      kind: 'DNS rebinding',
      name: 'rebound Host on HTTP',
      run: async () => {
        const hub = await demo();
        const answer = await hub.app.inject({ method: 'GET', url: '/healthz', headers: { host: 'rebind.attacker.test' } });
        await hub.app.close();
        return answer.statusCode === 421;
      },
    },
    {
      kind: 'DNS rebinding',
      name: 'stream Origin equal to a rebound Host',
      run: async () => {
        const running = await startHub({ port: 0, host: '127.0.0.1', dataDir: temp(), demo: false });
        const rebound = `rebind.attacker.test:${running.port}`;
        const status = await upgrade(`ws://127.0.0.1:${running.port}/v1/stream`, `http://${rebound}`, { host: rebound });
        await running.close();
        return status === 421;
      },
    },
    {
      kind: 'deep JSON',
      name: 'extra nested 4,000 levels, three times',
      run: async () => {
        const hub = await demo();
        const text = JSON.stringify({ ...sampleEnvelope('attack:deep:1'), extra: { m: 1 } }).replace('{"m":1}', `${'{"a":'.repeat(4000)}1${'}'.repeat(4000)}`);
        const statuses: number[] = [];
        for (let index = 0; index < 3; index += 1) statuses.push((await hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: { ...bot, 'content-type': 'application/json' }, payload: text })).statusCode);
        const normal = await hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: bot, payload: sampleEnvelope('attack:deep:2') });
        await hub.app.close();
        return statuses.every((status) => status === 400) && normal.statusCode === 201;
      },
    },
    {
      kind: 'wallboard redaction',
      name: "a WhatsApp sender id in the wallboard's snapshot",
      run: async () => {
        const hub = await demo();
        const phone = '+447700900123';
        await hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: bot, payload: { ...sampleEnvelope(`whatsapp:${phone}:1`), customer: { name: 'W', phone } } });
        const snapshot = await hub.app.inject({ method: 'GET', url: `/v1/wallboard/snapshot?dayStart=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}`, headers: { authorization: `Bearer ${DEMO_WALLBOARD_TOKEN}` } });
        await hub.app.close();
        return snapshot.statusCode === 200 && !snapshot.body.includes('7700900123');
      },
    },
    {
      kind: 'store at rest',
      name: 'store files readable by others, signing secret in clear',
      run: async () => {
        const dir = join(temp(), 'hub');
        const hub = await build({ databaseFile: join(dir, 'hub.sqlite') });
        await seedDemo(hub);
        await hub.context.accounts.setSigningSecret('demo', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
        const raw = (await hub.db.get<{ s: string }>("SELECT signing_secret AS s FROM integrations WHERE id = 'demo'"))?.s ?? '';
        const modes = ['hub.sqlite', 'hub.sqlite-wal', 'hub.sqlite-shm'].map((name) => statSync(join(dir, name)).mode & 0o077);
        await hub.app.close();
        return raw.startsWith('enc:v1:') && modes.every((mode) => mode === 0) && (statSync(dir).mode & 0o077) === 0;
      },
    },
    {
      kind: 'bot and ownership',
      name: "a bot guessing an agent's clientMessageId; another agent's chat",
      run: async () => {
        const hub = await demo();
        const alex = (await hub.context.accounts.userByEmail('agent@demo'))!;
        await hub.context.presence.connected(alex.id);
        await hub.context.service.agentAvailable(alex);
        const token = async (email: string) => `Bearer ${(JSON.parse((await hub.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password: 'demo' } })).body) as { token: string }).token}`;
        const created = await hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: bot, payload: sampleEnvelope('attack:bot:1') });
        const id = (JSON.parse(created.body) as { conversationId: string }).conversationId;
        const alexToken = await token('agent@demo');
        await hub.app.inject({ method: 'POST', url: `/v1/conversations/${id}/accept`, headers: { authorization: alexToken } });
        await hub.app.inject({ method: 'POST', url: `/v1/conversations/${id}/messages`, headers: { authorization: alexToken }, payload: { clientMessageId: 'a1', text: 'secret note 4417' } });
        const readBack = await hub.app.inject({ method: 'POST', url: `/v1/conversations/${id}/bot-messages`, headers: bot, payload: { clientMessageId: 'a1', text: 'x' } });
        const sam = await hub.app.inject({ method: 'POST', url: `/v1/conversations/${id}/resolve`, headers: { authorization: await token('agent2@demo') }, payload: { disposition: 'solved' } });
        await hub.app.close();
        return !readBack.body.includes('4417') && readBack.statusCode === 409 && sam.statusCode === 404;
      },
    },
  ];
}

/** Each class of issue 20's breaks, performed as an attacker would; how many held. */
export async function runAttacks(): Promise<AttackFigures> {
  const figures: AttackFigures = { byClass: {}, broken: [] };
  const bridge = await bridgeAttacks();
  for (const attack of [...bridge.attacks, ...hubAttacks()]) {
    let held = false;
    try {
      held = await attack.run();
    } catch (error) {
      figures.broken.push(`${attack.kind}: ${attack.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const entry = (figures.byClass[attack.kind] ??= { tried: 0, held: 0 });
    entry.tried += 1;
    if (held) entry.held += 1;
    else if (!figures.broken.some((line) => line.includes(attack.name))) figures.broken.push(`${attack.kind}: ${attack.name}`);
  }
  await bridge.close();
  return figures;
}

export const describeAttacks = (f: AttackFigures): string[] => [
  `attacks (issue 20): ${Object.entries(f.byClass).map(([kind, { tried, held }]) => `${kind} ${held}/${tried}`).join('; ')} held`,
  ...f.broken.map((line) => `  BROKE: ${line}`),
];
