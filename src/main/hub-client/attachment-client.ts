import type { Attachment } from '../../shared/envelope';
import type { ApiError } from '../../shared/protocol';
import { HubRequestError } from './http-client';

const TIMEOUT_MS = 60_000;

async function hubFetch(baseUrl: string, path: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(new URL(path, baseUrl), { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw new HubRequestError(0, 'unreachable', `The hub at ${baseUrl} cannot be reached (${(error as Error).message}).`);
  }
  if (response.ok) return response;
  const error = ((await response.json().catch(() => null)) as ApiError | null)?.error;
  throw new HubRequestError(response.status, error?.code ?? 'http_error', error?.message ?? `The hub answered ${response.status}.`);
}

/** Files to and from the hub: bytes, not JSON, so they stay apart from the JSON client. */
export const attachmentClient = {
  async download(baseUrl: string, token: string, id: string): Promise<Buffer> {
    const response = await hubFetch(baseUrl, `/v1/attachments/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${token}` } });
    return Buffer.from(await response.arrayBuffer());
  },

  async upload(baseUrl: string, token: string, conversationId: string, name: string, data: Buffer): Promise<Attachment> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(data)]), name);
    const response = await hubFetch(baseUrl, `/v1/conversations/${encodeURIComponent(conversationId)}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return (await response.json()) as Attachment;
  },
};
