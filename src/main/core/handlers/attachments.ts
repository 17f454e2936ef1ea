import type { Core } from '../create-core';
import type { HandlersOf } from './types';

/** Files of turns for the renderer, and the agent's uploads. */
export const attachmentHandlers = (core: Core): HandlersOf<'attachments:read' | 'attachments:upload'> => ({
  'attachments:read': ({ conversationId, id, name }) => core.attachments.read(conversationId, { id, name }),
  'attachments:upload': ({ conversationId, name, data }) => core.attachments.upload(conversationId, name, data),
});
