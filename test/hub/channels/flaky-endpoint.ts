import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BotCallback } from '../../../src/shared/protocol';

/**
 * A bot's callback endpoint on a fixed loopback port that can go down (connection refused) and come
 * back on the same port; while up it answers what `answerFor` says of an item, else the next queued
 * status and body (then 200).
 */
export async function flakyEndpoint(options: { answerFor?: (item: BotCallback) => { status: number; body?: unknown } | null } = {}) {
  const received: { raw: string; headers: Record<string, string | string[] | undefined>; item: BotCallback }[] = [];
  const answers: { status: number; body?: unknown }[] = [];
  let server: Server | null = null;
  let port = 0;
  const handle = (raw: string, headers: Record<string, string | string[] | undefined>, response: ServerResponse) => {
    const item = JSON.parse(raw) as BotCallback;
    received.push({ raw, headers, item });
    const answer = options.answerFor?.(item) ?? answers.shift() ?? { status: 200 };
    response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  };
  async function up(): Promise<void> {
    server = createServer((request, response) => {
      let raw = '';
      request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      request.on('end', () => handle(raw, request.headers, response));
    });
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  }
  async function down(): Promise<void> {
    const closing = server;
    server = null;
    if (!closing) return;
    closing.closeAllConnections();
    await new Promise<void>((resolve) => closing.close(() => resolve()));
  }
  await up();
  return {
    url: () => `http://127.0.0.1:${port}/warmline`,
    received,
    answer: (...next: { status: number; body?: unknown }[]) => void answers.push(...next),
    up,
    down,
    /** The agents' messages that arrived, by text, in arrival order. */
    texts: () => received.flatMap(({ item }) => (item.type === 'message' ? [item.text] : [])),
  };
}
