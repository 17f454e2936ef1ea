import type { ConversationView } from '../../../shared/conversation';
import type { EarlierConversation } from '../../../shared/earlier-conversations';
import { HubRequestError } from '../../hub-client/http-client';
import { CoreError, type Core } from '../create-core';
import type { HandlersOf } from './types';

const path = (...parts: string[]) => `/v1/conversations/${parts.map(encodeURIComponent).join('/')}`;

/** The hub is out of reach (or this session is offline): the cache answers instead. */
const isOffline = (error: unknown): boolean =>
  (error instanceof HubRequestError && error.isUnreachable) || (error instanceof CoreError && error.code === 'signed_out');

/** A returning customer's earlier conversations: from the hub, or from the cache while it is out of reach. */
export const customerHistoryHandlers = (core: Core): HandlersOf<'customers:earlier' | 'customers:open-earlier'> => ({
  'customers:earlier': async ({ id }) => {
    try {
      const answer = await core.hubCall((hub, token) => hub.call<{ conversations: EarlierConversation[] }>('GET', path(id, 'earlier'), token));
      return { source: 'hub' as const, conversations: answer.conversations };
    } catch (error) {
      if (!isOffline(error)) throw error;
      return { source: 'cache' as const, conversations: core.earlierInCache(id) ?? [] };
    }
  },
  'customers:open-earlier': async ({ id, earlierId }) => {
    try {
      return core.storeView(await core.hubCall((hub, token) => hub.call<ConversationView>('GET', path(id, 'earlier', earlierId), token)));
    } catch (error) {
      const cached = isOffline(error) ? core.get(earlierId) : null;
      if (!cached) throw error;
      return cached;
    }
  },
});
