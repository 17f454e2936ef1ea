import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import type { AttachmentProblem } from '../../shared/envelope';

export interface RemoteFetchOptions {
  maxBytes: number;
  /** The whole fetch, redirects included. */
  timeoutMs: number;
  maxRedirects?: number;
  /**
   * Hosts that may resolve to private or loopback addresses: the integration's own configured host
   * (a self-hosted Chatwoot on the office network), or 127.0.0.1 in tests. Every other host must
   * resolve to a public address, checked on the connected socket, so DNS rebinding cannot slip past.
   */
  trustedHosts?: readonly string[];
}

export type RemoteFile =
  | { ok: true; data: Buffer; claimedType: string | null; finalUrl: string }
  | { ok: false; problem: AttachmentProblem; detail: string };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const publicOnly = { http: new RequestFilteringHttpAgent(), https: new RequestFilteringHttpsAgent() };
const privateAllowed = {
  http: new RequestFilteringHttpAgent({ allowPrivateIPAddress: true }),
  https: new RequestFilteringHttpsAgent({ allowPrivateIPAddress: true }),
};

class FetchProblem extends Error {
  constructor(
    readonly problem: AttachmentProblem,
    detail: string,
  ) {
    super(detail);
  }
}

/**
 * Fetches a file a platform links, within a size and a time limit: only http(s), a bounded number
 * of redirects each checked like the first URL, private addresses refused unless the host is
 * trusted. Never throws: what went wrong comes back as a problem the agent is shown.
 */
export async function fetchRemoteFile(url: string, options: RemoteFetchOptions): Promise<RemoteFile> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  let current = url;
  try {
    for (let hop = 0; hop <= (options.maxRedirects ?? 3); hop += 1) {
      const target = parseTarget(current);
      const response = await open(target, options, deadline);
      if (REDIRECTS.has(response.statusCode ?? 0) && response.headers.location) {
        response.resume();
        current = new URL(response.headers.location, target).toString();
        continue;
      }
      if ((response.statusCode ?? 0) < 200 || (response.statusCode ?? 0) >= 300) {
        response.resume();
        throw new FetchProblem('unreachable', `the platform answered ${response.statusCode}`);
      }
      const data = await readBounded(response, options.maxBytes);
      if (data.length === 0) throw new FetchProblem('empty', 'the file is empty');
      return { ok: true, data, claimedType: response.headers['content-type'] ?? null, finalUrl: current };
    }
    return { ok: false, problem: 'unreachable', detail: 'too many redirects' };
  } catch (error) {
    if (error instanceof FetchProblem) return { ok: false, problem: error.problem, detail: error.message };
    const message = error instanceof Error ? error.message : String(error);
    if (deadline.aborted) return { ok: false, problem: 'unreachable', detail: 'the platform took too long' };
    return { ok: false, problem: /not allowed/i.test(message) ? 'refused' : 'unreachable', detail: message };
  }
}

function parseTarget(url: string): URL {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new FetchProblem('refused', 'not a URL');
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new FetchProblem('refused', `${target.protocol} links are not fetched`);
  if (target.username || target.password) throw new FetchProblem('refused', 'links with credentials are not fetched');
  return target;
}

function open(target: URL, options: RemoteFetchOptions, signal: AbortSignal): Promise<IncomingMessage> {
  const isTrusted = (options.trustedHosts ?? []).includes(target.hostname.replace(/^\[|\]$/g, ''));
  const agents = isTrusted ? privateAllowed : publicOnly;
  const isHttps = target.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const request = (isHttps ? httpsRequest : httpRequest)(
      target,
      { method: 'GET', agent: isHttps ? agents.https : agents.http, signal, headers: { accept: '*/*', 'user-agent': 'Warmline-hub' } },
      resolve,
    );
    request.on('error', reject);
    request.end();
  });
}

function readBounded(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    return Promise.reject(new FetchProblem('too_large', `the file is ${declared} bytes; the limit is ${maxBytes}`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // Settled before destroying: destroy() reports the abort at once, and the first answer wins.
        reject(new FetchProblem('too_large', `the file is over the limit of ${maxBytes} bytes`));
        response.destroy();
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () => resolve(Buffer.concat(chunks)));
    response.on('error', reject);
    response.on('aborted', () => reject(new FetchProblem('unreachable', 'the platform closed the connection')));
  });
}
