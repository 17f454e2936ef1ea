import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, deflateSync } from 'node:zlib';

/** A real PNG of one colour, decodable by any browser: the damaged-parcel photo of the tests. */
export function pngImage(width = 48, height = 32, rgb: [number, number, number] = [200, 60, 40]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, Buffer.from(rgb))]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const pdfFile = (): Buffer => Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

/** Active content that must never run: each sets a global the tests look for. */
export const svgWithScript = (): Buffer =>
  Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=\'svg\'"><script>window.__pwned=\'svg\'</script></svg>');
export const htmlWithScript = (): Buffer => Buffer.from('<!doctype html><script>window.__pwned = "html"</script><img src=x onerror="window.__pwned=\'img\'">');

export interface FileRoute {
  body: Buffer;
  /** What the platform claims; the hub must not believe it. */
  type?: string;
  status?: number;
  headers?: Record<string, string>;
}

/** A stand-in for a platform's file host on loopback: serves each path as configured, counting fetches. */
export async function fileHost(routes: Record<string, FileRoute>): Promise<{ url: (path: string) => string; hits: Map<string, number>; close: () => Promise<void>; server: Server }> {
  const hits = new Map<string, number>();
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const route = routes[path];
    if (!route) return void response.writeHead(404).end();
    response.writeHead(route.status ?? 200, { 'content-type': route.type ?? 'application/octet-stream', ...route.headers });
    response.end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    hits,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
