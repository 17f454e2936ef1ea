import type { ChannelName, CoreEvent, RequestOf, ResponseOf, WarmlineApi } from '../../src/shared/ipc';
import type { ConversationListItem, CachedConversation, SessionState } from '../../src/shared/ipc';
import type { Transport, TransportState } from '../../src/renderer/api';
import { fail, ok, type Result } from '../../src/shared/result';

type Handler<C extends ChannelName> = (request: RequestOf<C>) => Result<ResponseOf<C>> | Promise<Result<ResponseOf<C>>>;

/** A hand-written WarmlineApi: answers from per-channel handlers, records calls, emits events. */
export function createFakeApi() {
  const handlers = new Map<ChannelName, (request: unknown) => unknown>();
  const listeners = new Set<(event: CoreEvent) => void>();
  const calls: Array<{ channel: ChannelName; request: unknown }> = [];

  const api: WarmlineApi = {
    async invoke(channel, request) {
      calls.push({ channel, request });
      const handler = handlers.get(channel);
      if (!handler) return fail('no-handler', `The fake has no handler for ${channel}`);
      return (await handler(request)) as Result<ResponseOf<typeof channel>>;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  return {
    api,
    calls,
    callsTo: (channel: ChannelName) => calls.filter((call) => call.channel === channel).map((call) => call.request),
    answer<C extends ChannelName>(channel: C, handler: Handler<C>) {
      handlers.set(channel, handler as (request: unknown) => unknown);
    },
    emit(event: CoreEvent) {
      for (const listener of listeners) listener(event);
    },
  };
}

export const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export function listItem(overrides: Partial<ConversationListItem> & { id: string }): ConversationListItem {
  return {
    state: 'offered',
    queue: 'returns',
    customerName: `Customer ${overrides.id}`,
    issueTitle: 'An issue',
    reasonKind: 'unknown',
    sentimentScore: null,
    priority: 5,
    channel: 'web',
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    unread: 0,
    offer: null,
    lastMessage: null,
    ...overrides,
  };
}

export function conversation(overrides: Partial<CachedConversation> & { id: string }): CachedConversation {
  return {
    state: 'assigned',
    queue: 'returns',
    owner: { kind: 'agent', id: 'u1', name: 'Priya', since: '2026-11-20T10:05:00.000Z', why: 'accepted' },
    offer: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:05:00.000Z',
    envelope: {
      v: 1,
      id: `env-${overrides.id}`,
      customer: { name: 'Maria Okafor' },
      transcript: [
        { id: 't1', at: '2026-11-20T09:58:00.000Z', author: 'customer', text: 'I want to return my boots' },
        { id: 't2', at: '2026-11-20T09:58:01.000Z', author: 'bot', text: 'What is your order number?' },
      ],
    },
    messages: [],
    pending: [],
    ...overrides,
  };
}

export { ok, fail };

/** The transport of a page whose connection to the core never drops (Electron's). */
const OPEN: TransportState = { status: 'open', retryInSeconds: null };
export const openTransport: Transport = {
  get: () => OPEN,
  subscribe: () => () => undefined,
  onReconnected: () => () => undefined,
};

export const sessionState = (isSignedIn: boolean): SessionState => ({
  user: isSignedIn ? { id: 'u1', email: 'agent@demo', name: 'Priya', role: 'agent', queues: [] } : null,
  connection: { status: 'online', since: '2026-11-20T10:00:00Z', hubUrl: null, lastSeq: 0, detail: null, retryInSeconds: null },
});
