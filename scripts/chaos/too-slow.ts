import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { DEMO_INTEGRATION_TOKEN } from '../../src/hub/demo/seed';
import { CLOSE_CODES, type HubEvent, type ServerMessage } from '../../src/shared/protocol';
import { freePort, hubProcess } from './hub-process';

export interface TooSlowFigures {
  handoffs: number;
  /** Close code and reason the stalled client read once it read again (4008 and "resume from your last seq" expected). */
  closeCode: number | null;
  closeReason: string | null;
  /** Events and bytes it had received before the cut-off, of all those published. */
  eventsBeforeCutOff: number;
  eventsTotal: number;
  megabytesBeforeCutOff: number;
  /** After reconnecting with its last seq: events of the rest missing or received twice, and whether it was told to resync. */
  resumedLost: number;
  resumedDuplicated: number;
  resynced: boolean;
  /** Hub RSS max while the first and the second half of the handoffs flowed: no growth with the backlog once it is cut off. */
  hubRssMaxBytes: { firstHalf: number | null; secondHalf: number | null };
  healthyDeliveryMsP99: number | null;
}

async function stream(url: string, token: string, lastSeq: number) {
  const messages: ServerMessage[] = [];
  let bytes = 0;
  const socket = new WebSocket(`${url.replace('http', 'ws')}/v1/stream`);
  socket.on('error', () => undefined);
  socket.on('message', (data: Buffer) => {
    bytes += data.length;
    messages.push(JSON.parse(data.toString()) as ServerMessage);
  });
  const closed = new Promise<{ code: number; reason: string }>((done) => socket.once('close', (code, reason) => done({ code, reason: reason.toString() })));
  await new Promise((opened) => socket.once('open', opened));
  socket.send(JSON.stringify({ type: 'hello', v: 1, token, lastSeq }));
  const events = (): HubEvent[] => messages.flatMap((message) => (message.type === 'events' ? message.events : []));
  return { socket, messages, events, closed, bytes: () => bytes, tcp: (socket as unknown as { _socket: { pause(): void; resume(): void } })._socket };
}

const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * A client that reads nothing while ~0.9 MB handoffs flow, beside a healthy one, on the real hub
 * CLI with a heartbeat long enough that the send-buffer cut-off (8 MB unsent) is what drops it.
 * Then it reads again, sees why it was closed, and resumes from its last seq.
 */
export async function runTooSlow(options: { handoffs: number; /** false: the same run with the client reading, for a baseline. */ stall?: boolean }): Promise<TooSlowFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'warmline-chaos-slow-'));
  const hub = hubProcess(join(dir, 'hub'), await freePort(), ['--heartbeat-ms', '600000']);
  await hub.start();
  const signIn = await fetch(`${hub.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'supervisor@demo', password: 'demo' }) });
  const { token } = (await signIn.json()) as { token: string };
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const healthy = await stream(hub.url, token, 0);
  let measured = 0;
  healthy.socket.on('message', () => {
    const events = healthy.events();
    for (const event of events.slice(measured)) {
      const at = sentAt.get(event.conversationId);
      if (event.type === 'conversation:queued' && at !== undefined) {
        latencies.push(Date.now() - at);
        sentAt.delete(event.conversationId);
      }
    }
    measured = events.length;
  });
  const slow = await stream(hub.url, token, 0);
  await wait(200);
  const stall = options.stall !== false;
  if (stall) slow.tcp.pause();

  const rssMax: { firstHalf: number | null; secondHalf: number | null } = { firstHalf: null, secondHalf: null };
  let half: keyof typeof rssMax = 'firstHalf';
  const sampler = setInterval(() => (rssMax[half] = Math.max(rssMax[half] ?? 0, hub.rss() ?? 0)), 100);
  const ids: string[] = [];
  for (let n = 0; n < options.handoffs; n += 1) {
    if (n === Math.floor(options.handoffs / 2)) half = 'secondHalf';
    const transcript = Array.from({ length: 45 }, (_, turn) => ({ id: `t${turn}`, at: new Date().toISOString(), author: turn % 2 ? 'bot' : 'customer', text: `${n}/${turn} `.padEnd(19_500, 'x') }));
    const body = { v: 1, id: `chaos-slow:${n}`, source: { platform: 'generic', bot: 'chaos-bot', conversationId: `slow-${n}` }, customer: { name: `Customer ${n}` }, issue: { title: `Big handoff ${n}` }, transcript, routing: { queue: 'support' } };
    const response = await fetch(`${hub.url}/v1/handoffs`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_INTEGRATION_TOKEN}` }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`handoff ${n} refused: ${response.status}`);
    const { conversationId } = (await response.json()) as { conversationId: string };
    sentAt.set(conversationId, Date.now());
    ids.push(conversationId);
  }
  const healthyHasAll = () => {
    const queued = new Set(healthy.events().filter((event) => event.type === 'conversation:queued').map((event) => event.conversationId));
    return ids.every((id) => queued.has(id));
  };
  for (const started = Date.now(); !healthyHasAll() && Date.now() - started < 30_000; ) await wait(100);
  clearInterval(sampler);

  slow.tcp.resume();
  const closed = stall ? await Promise.race([slow.closed, wait(20_000).then(() => null)]) : null;
  const before = slow.events();
  const all = healthy.events();
  const resumed = await stream(hub.url, token, Math.max(0, ...before.map((event) => event.seq)));
  for (const started = Date.now(); resumed.events().length < all.length - before.length && Date.now() - started < 30_000; ) await wait(100);
  await wait(300);
  const counts = new Map<number, number>();
  for (const event of [...before, ...resumed.events()]) counts.set(event.seq, (counts.get(event.seq) ?? 0) + 1);
  [healthy, slow, resumed].forEach((client) => client.socket.terminate());
  await hub.kill();
  rmSync(dir, { recursive: true, force: true });

  return {
    handoffs: options.handoffs,
    closeCode: closed?.code ?? null,
    closeReason: closed?.reason ?? null,
    eventsBeforeCutOff: before.length,
    eventsTotal: all.length,
    megabytesBeforeCutOff: Math.round(slow.bytes() / 1024 / 1024),
    resumedLost: all.filter((event) => !counts.has(event.seq)).length,
    resumedDuplicated: [...counts.values()].filter((count) => count > 1).length,
    resynced: resumed.messages.some((message) => message.type === 'resync-required'),
    hubRssMaxBytes: rssMax,
    healthyDeliveryMsP99: latencies.length ? [...latencies].sort((a, b) => a - b)[Math.floor(latencies.length * 0.99)] ?? null : null,
  };
}

export const tooSlowPassed = (f: TooSlowFigures): boolean =>
  f.closeCode === CLOSE_CODES.tooSlow && f.eventsBeforeCutOff < f.eventsTotal && f.resumedLost === 0 && f.resumedDuplicated === 0;
