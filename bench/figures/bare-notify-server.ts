import http from 'node:http';
import WebSocket, { WebSocketServer } from 'ws';

/**
 * The notification baseline: a bare HTTP POST whose handler sends one ws message (the same bytes
 * the hub sends the agent for an offer) to one bare ws client on loopback. `received` resolves
 * when the client has the message parsed in hand.
 */
export async function startBareNotifyPair(frame: string) {
  let client: WebSocket | null = null;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      for (const socket of wss.clients) socket.send(frame);
      response.writeHead(201, { 'content-type': 'application/json' }).end('{"status":"created"}');
    });
  });
  const wss = new WebSocketServer({ server });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  let waiter: ((at: number) => void) | null = null;
  client = new WebSocket(url.replace('http', 'ws'));
  client.on('message', (data) => {
    JSON.parse(data.toString());
    const at = performance.now();
    waiter?.(at);
    waiter = null;
  });
  await new Promise((resolve, reject) => {
    client?.once('open', resolve);
    client?.once('error', reject);
  });

  return {
    url,
    /** Resolves with the time the next message arrives. */
    nextMessage: (): Promise<number> => new Promise((resolve) => (waiter = resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        client?.terminate();
        for (const socket of wss.clients) socket.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
