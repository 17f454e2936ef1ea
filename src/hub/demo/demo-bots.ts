import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Where the demo's simulated bots take the hub's callbacks (accepted, agents' replies, completed):
 * a loopback receiver that acknowledges each one, as a bot platform does. Without it every demo
 * reply would show as not reaching the customer.
 */
export async function startDemoBots(): Promise<{ url: string; received(): number; close(): Promise<void> }> {
  let received = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received += 1;
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/warmline/callbacks`,
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
