import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface Answer {
  status: number;
  body?: unknown;
  /** Answered as these bytes of this type instead of JSON (a file the hub serves). */
  file?: { contentType: string; bytes: Buffer };
  /** Holds the answer back this long (a platform slower than the connector's timeout). */
  delayMs?: number;
}

/**
 * A stand-in for a platform's API on loopback: it records every request as the platform would
 * receive it and answers with what the test queued (200 `{}` once the queue is empty).
 */
export async function startRecordingServer() {
  const requests: RecordedRequest[] = [];
  const answers: Answer[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // Kept as text: the test asserts on what arrived.
      }
      requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body });
      const answer = answers.shift() ?? { status: 200, body: {} };
      const send = () => {
        if (response.destroyed) return;
        if (answer.file) {
          response.writeHead(answer.status, { 'content-type': answer.file.contentType });
          response.end(answer.file.bytes);
          return;
        }
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs).unref();
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer: (...next: Answer[]) => void answers.push(...next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type RecordingServer = Awaited<ReturnType<typeof startRecordingServer>>;
