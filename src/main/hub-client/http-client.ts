import type { ConversationView, Message, User } from '../../shared/conversation';
import type { ApiError } from '../../shared/protocol';

/** A failure talking to the hub: `status` 0 means the hub could not be reached at all. */
export class HubRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
  get isUnreachable(): boolean {
    return this.status === 0;
  }
}

export interface HubHttpClient {
  signIn(email: string, password: string): Promise<{ token: string; user: User }>;
  signOut(token: string): Promise<void>;
  conversations(token: string): Promise<{ seq: number; conversations: ConversationView[] }>;
  conversation(token: string, id: string): Promise<ConversationView>;
  accept(token: string, id: string): Promise<ConversationView>;
  decline(token: string, id: string, reason?: string): Promise<void>;
  send(token: string, id: string, clientMessageId: string, text: string, attachmentIds?: string[]): Promise<Message>;
  /** Any other route of the hub contract (see src/shared/protocol.ts); errors as HubRequestError. */
  call<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, token: string, body?: unknown): Promise<T>;
}

const TIMEOUT_MS = 10_000;

/** The hub's HTTP API for the desktop core (Node's fetch; no Electron). */
export function createHubHttpClient(baseUrl: string): HubHttpClient {
  async function request<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, baseUrl), {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new HubRequestError(0, 'unreachable', `The hub at ${baseUrl} cannot be reached (${(error as Error).message}).`);
    }
    if (response.status === 204) return undefined as T;
    const payload = (await response.json().catch(() => null)) as unknown;
    if (!response.ok) {
      const error = (payload as ApiError | null)?.error;
      throw new HubRequestError(response.status, error?.code ?? 'http_error', error?.message ?? `The hub answered ${response.status}.`);
    }
    return payload as T;
  }

  return {
    signIn: (email, password) => request('POST', '/v1/sessions', null, { email, password }),
    signOut: (token) => request('DELETE', '/v1/sessions', token),
    conversations: (token) => request('GET', '/v1/conversations', token),
    conversation: (token, id) => request('GET', `/v1/conversations/${encodeURIComponent(id)}`, token),
    accept: (token, id) => request('POST', `/v1/conversations/${encodeURIComponent(id)}/accept`, token),
    decline: (token, id, reason) =>
      request('POST', `/v1/conversations/${encodeURIComponent(id)}/decline`, token, reason ? { reason } : {}),
    call: (method, path, token, body) => request(method, path, token, body),
    send: (token, id, clientMessageId, text, attachmentIds = []) =>
      request('POST', `/v1/conversations/${encodeURIComponent(id)}/messages`, token, {
        clientMessageId,
        text,
        ...(attachmentIds.length > 0 ? { attachmentIds } : {}),
      }),
  };
}
