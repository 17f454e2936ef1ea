import http from 'node:http';

/** Keep-alive connections posting JSON, the same way for the real hub and for its baseline. */
export function createPoster(url: string, token: string, connections = 1) {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const postAs = (bearer: string, path: string, body: string): Promise<{ status: number; text: string }> =>
    new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: target.hostname,
          port: target.port,
          path,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${bearer}` },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  return {
    post: (path: string, body: string) => postAs(token, path, body),
    /** The same connections with another caller's token (agents acting in a bench). */
    postAs,
    close: () => agent.destroy(),
  };
}
