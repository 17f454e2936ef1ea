import fc from 'fast-check';
import WebSocket from 'ws';
import { WS_MAX_PAYLOAD } from '../../src/shared/protocol';
import { build } from '../../src/hub/app';
import { seedDemo } from '../../src/hub/demo/seed';
import { CHAT_STREAM_PATH } from '../../src/hub/chat/chat-socket';
import { STREAM_PATH } from '../../src/hub/stream/stream-server';
import { describeInput, emptyFigures, record, type Figures } from './figures';
import { hostileBody, invalidUtf8, jsonTree } from './hostile';

/** Frames a client can send: text (possibly not JSON, not UTF-8), binary, oversize, after or instead of hello. */
type Frame = { data: string | Buffer; binary: boolean };

const frame = fc.oneof(
  { weight: 5, arbitrary: hostileBody.map((data): Frame => ({ data, binary: false })) },
  { weight: 2, arbitrary: jsonTree.map((value): Frame => ({ data: JSON.stringify({ type: 'hello', v: 1, token: 'x', lastSeq: 0, extra: value }), binary: false })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes): Frame => ({ data: Buffer.from(bytes), binary: true })) },
  { weight: 1, arbitrary: invalidUtf8.map((data): Frame => ({ data, binary: false })) },
  { weight: 1, arbitrary: fc.constant<Frame>({ data: 'x'.repeat(WS_MAX_PAYLOAD + 1), binary: false }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Frame>(
      { data: '{"type":"hello","v":1,"token":"","lastSeq":-1}', binary: false },
      { data: '{"type":"hello","v":1,"token":"t","lastSeq":1e308}', binary: false },
      { data: '{"type":"hello","v":2,"token":"t","lastSeq":0}', binary: false },
      { data: '{"__proto__":{"polluted":1},"type":"hello","v":1,"token":"t","lastSeq":0}', binary: false },
    ),
  },
);

const attempt = fc.record({ path: fc.constantFrom(STREAM_PATH, CHAT_STREAM_PATH), signedIn: fc.boolean(), frames: fc.array(frame, { minLength: 1, maxLength: 3 }) });

/** Close codes that mean the hub itself failed, rather than refusing the client. */
const SERVER_FAILURE_CODES = new Set([1011, 1012, 1013, 1014]);

function connect(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Sends the frames and waits for the hub to close, or for a quiet moment (the hub may ignore a frame). */
function play(socket: WebSocket, frames: Frame[]): Promise<number | null> {
  return new Promise((resolve) => {
    const quiet = setTimeout(() => {
      socket.terminate();
      resolve(null);
    }, 150);
    socket.once('close', (code) => {
      clearTimeout(quiet);
      resolve(code);
    });
    socket.on('error', () => undefined);
    for (const { data, binary } of frames) if (socket.readyState === WebSocket.OPEN) socket.send(data, { binary });
  });
}

/** Random, oversize, binary and invalid-UTF-8 frames at both hub WebSocket endpoints; then a good client must still be served. */
export async function fuzzWebSocket(options: { runs: number; seed: number }): Promise<Figures> {
  // The customer chat's socket is one of the fuzzed endpoints: mounted as on a demo hub.
  const hub = await build({ databaseFile: ':memory:', customerChat: true });
  await seedDemo(hub);
  const figures = emptyFigures('hub WebSocket');
  await hub.app.listen({ port: 0, host: '127.0.0.1' });
  const address = hub.app.server.address();
  const base = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const signIn = await hub.app.inject({ method: 'POST', url: '/v1/sessions', payload: { email: 'agent@demo', password: 'demo' } });
  const token = (JSON.parse(signIn.body) as { token: string }).token;
  try {
    const samples = fc.sample(attempt, { numRuns: options.runs, seed: options.seed });
    const one = async ({ path, signedIn, frames }: (typeof samples)[number]) => {
      try {
        const socket = await connect(base + path);
        const all: Frame[] = signedIn && path === STREAM_PATH ? [{ data: JSON.stringify({ type: 'hello', v: 1, token, lastSeq: 0 }), binary: false }, ...frames] : frames;
        const code = await play(socket, all);
        record(figures, code !== null && SERVER_FAILURE_CODES.has(code) ? 'serverError' : code === null ? 'ok' : 'rejected', () => `${path} closed ${code} after ${describeInput(frames.map((f) => describeInput(f.data)))}`);
      } catch (error) {
        record(figures, 'crash', () => `${path}: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    // Ten connections at a time: the hub sees concurrent hostile clients, and the run stays short.
    for (let start = 0; start < samples.length; start += 10) await Promise.all(samples.slice(start, start + 10).map(one));
    // The hub is still up and serves a well-behaved client.
    const good = await connect(base + STREAM_PATH);
    const welcomed = await new Promise<boolean>((resolve) => {
      good.once('message', (data) => resolve((JSON.parse(data.toString()) as { type: string }).type === 'welcome'));
      good.send(JSON.stringify({ type: 'hello', v: 1, token, lastSeq: 0 }));
      setTimeout(() => resolve(false), 3000);
    });
    good.terminate();
    if (!welcomed) record(figures, 'crash', () => 'a good client was not welcomed after the fuzzing');
    return figures;
  } finally {
    await hub.app.close();
  }
}
