import WebSocket from 'ws';
import { Histogram } from './percentiles';

/**
 * Stream subscribers for the fan-out figure, run in child processes so that they do not share the
 * server's core. Each client reads the `seq` and `at` of every event in a frame (a regex, not a
 * full parse: the clients must cost as little as possible, and the same for hub and baseline) and
 * records now − at as the delivery latency.
 */

export type FanoutCommand =
  | { type: 'connect'; url: string; clients: number; token: string }
  | { type: 'measure' }
  | { type: 'stop'; firstSeq: number; lastSeq: number };

export type FanoutAnswer =
  | { type: 'connected'; open: number; failed: number }
  | { type: 'measuring' }
  | { type: 'stats'; histogram: ReturnType<Histogram['toJSON']>; delivered: number; closed: number; closeCodes: Record<string, number> };

const EVENT_STAMP = /"seq":(\d+),"at":"([^"]+)"/g;
const CONNECT_BATCH = 50;

const wallClock = (): number => performance.timeOrigin + performance.now();

export function createFanoutClients() {
  const sockets: WebSocket[] = [];
  let histogram = new Histogram();
  let measuring = false;
  let perSeq = new Map<number, number>();
  let closed = 0;
  const closeCodes: Record<string, number> = {};

  function onFrame(data: WebSocket.RawData): void {
    if (!measuring) return;
    const now = wallClock();
    const text = data.toString();
    for (const match of text.matchAll(EVENT_STAMP)) {
      const seq = Number(match[1]);
      perSeq.set(seq, (perSeq.get(seq) ?? 0) + 1);
      histogram.add(now - Date.parse(match[2] ?? ''));
    }
  }

  const open = (url: string, token: string): Promise<boolean> =>
    new Promise((resolve) => {
      const socket = new WebSocket(url, { handshakeTimeout: 10_000 });
      socket.on('message', onFrame);
      socket.once('open', () => {
        socket.send(JSON.stringify({ type: 'hello', v: 1, token, lastSeq: 0 }));
        sockets.push(socket);
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      socket.on('close', (code) => {
        closed += 1;
        closeCodes[code] = (closeCodes[code] ?? 0) + 1;
      });
    });

  return {
    async connect(url: string, clients: number, token: string): Promise<{ open: number; failed: number }> {
      let failed = 0;
      for (let start = 0; start < clients; start += CONNECT_BATCH) {
        const batch = Math.min(CONNECT_BATCH, clients - start);
        const results = await Promise.all(Array.from({ length: batch }, () => open(url, token)));
        failed += results.filter((ok) => !ok).length;
      }
      return { open: sockets.length, failed };
    },
    measure(): void {
      histogram = new Histogram();
      perSeq = new Map();
      measuring = true;
    },
    stop(firstSeq: number, lastSeq: number) {
      measuring = false;
      let delivered = 0;
      for (const [seq, count] of perSeq) if (seq >= firstSeq && seq <= lastSeq) delivered += count;
      // Closes seen so far happened while measuring; the terminations below are the bench's own.
      const stats = { histogram: histogram.toJSON(), delivered, closed, closeCodes: { ...closeCodes } };
      for (const socket of sockets) socket.terminate();
      return stats;
    },
  };
}

if (process.send) {
  const clients = createFanoutClients();
  process.on('message', (command: FanoutCommand) => {
    const reply = (answer: FanoutAnswer) => process.send?.(answer);
    if (command.type === 'connect') void clients.connect(command.url, command.clients, command.token).then((result) => reply({ type: 'connected', ...result }));
    else if (command.type === 'measure') {
      clients.measure();
      reply({ type: 'measuring' });
    } else reply({ type: 'stats', ...clients.stop(command.firstSeq, command.lastSeq) });
  });
}
