import type { AgentStatus, ConversationView, Message } from '../../../shared/conversation';
import type { Core } from '../create-core';
import type { HandlersOf } from './types';

const path = (id: string, action: string) => `/v1/conversations/${encodeURIComponent(id)}/${action}`;

/**
 * A supervisor's step-ins. Each is one hub call; the hub checks the role and the queue, records the
 * step-in as an event, and the stream brings the change back to every console watching.
 */
export const supervisorHandlers = (core: Core): HandlersOf<
  | 'supervisor:agents'
  | 'supervisor:monitor'
  | 'supervisor:whisper'
  | 'supervisor:barge'
  | 'supervisor:take-over'
  | 'supervisor:transfer'
  | 'supervisor:acknowledge-flag'
> => ({
  'supervisor:agents': () => core.hubCall((hub, token) => hub.call<AgentStatus[]>('GET', '/v1/agents', token)),
  'supervisor:monitor': async ({ id }) =>
    core.storeView(await core.hubCall((hub, token) => hub.call<ConversationView>('POST', path(id, 'monitor'), token, {}))),
  'supervisor:whisper': ({ id, text, flagId }) =>
    core.hubCall((hub, token) =>
      hub.call<Message>('POST', path(id, 'whisper'), token, { clientMessageId: crypto.randomUUID(), text, ...(flagId ? { flagId } : {}) }),
    ),
  'supervisor:barge': async ({ id, flagId }) =>
    core.storeView(
      await core.hubCall((hub, token) => hub.call<ConversationView>('POST', path(id, 'barge'), token, flagId ? { flagId } : {})),
    ),
  'supervisor:take-over': async ({ id }) =>
    core.storeView(await core.hubCall((hub, token) => hub.call<ConversationView>('POST', path(id, 'take-over'), token, {}))),
  'supervisor:transfer': async ({ id, to, note }) => {
    await core.hubCall((hub, token) => hub.call<unknown>('POST', path(id, 'transfer'), token, { to, note }));
    return null;
  },
  'supervisor:acknowledge-flag': async ({ flagId }) => {
    await core.hubCall((hub, token) => hub.call<unknown>('POST', `/v1/flags/${encodeURIComponent(flagId)}/acknowledge`, token, {}));
    return null;
  },
});
