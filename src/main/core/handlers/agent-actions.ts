import type { ConversationView } from '../../../shared/conversation';
import type { Directory } from '../../../shared/ipc';
import type { Core } from '../create-core';
import type { HandlersOf } from './types';

const path = (id: string, action: string) => `/v1/conversations/${encodeURIComponent(id)}/${action}`;

/** An agent's actions on a conversation they own, beyond reply: each is one hub call. */
export const agentActionHandlers = (core: Core): HandlersOf<
  | 'conversations:transfer'
  | 'conversations:flag'
  | 'conversations:resolve'
  | 'conversations:typing'
  | 'directory:get'
  | 'presence:set'
  | 'preferences:set'
  | 'links:open'
> => ({
  'conversations:transfer': async ({ id, to, note }) => {
    await core.hubCall((hub, token) => hub.call<unknown>('POST', path(id, 'transfer'), token, { to, note }));
    return null;
  },
  'conversations:flag': async ({ id, message }) => {
    await core.hubCall((hub, token) => hub.call<unknown>('POST', path(id, 'flags'), token, { message }));
    return null;
  },
  'conversations:resolve': async ({ id, disposition, note }) =>
    core.storeView(
      await core.hubCall(async (hub, token) => {
        const resolved = await hub.call<ConversationView>('POST', path(id, 'resolve'), token, { disposition, ...(note ? { note } : {}) });
        // Closing a chat may start the agent's wrap-up: their status bar shows it at once.
        void core.workstation.refreshAgent();
        return resolved;
      }),
    ),
  'conversations:typing': async ({ id }) => {
    await core.hubCall((hub, token) => hub.call<unknown>('POST', path(id, 'typing'), token, {}));
    return null;
  },
  'directory:get': () => core.hubCall((hub, token) => hub.call<Directory>('GET', '/v1/directory', token)),
  'presence:set': async ({ presence, reason }) => {
    await core.workstation.setPresence(presence, reason);
    return core.session();
  },
  'preferences:set': (change) => {
    core.workstation.setPreferences(change);
    return core.session();
  },
  'links:open': ({ url }) => core.workstation.openLink(url),
});
