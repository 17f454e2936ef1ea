import type { Core } from '../create-core';
import type { HandlersOf } from './types';

/** Session, inbox, history and local data: the channels that existed from the walking skeleton. */
export const sessionHandlers = (core: Core): HandlersOf<
  | 'session:get'
  | 'session:sign-in'
  | 'session:sign-out'
  | 'session:sign-in-options'
  | 'session:provider-start'
  | 'session:provider-wait'
  | 'session:provider-cancel'
  | 'session:retry-now'
  | 'conversations:list'
  | 'conversations:get'
  | 'conversations:accept'
  | 'conversations:decline'
  | 'conversations:reply'
  | 'conversations:mark-read'
  | 'history:search'
  | 'history:list'
  | 'history:export'
  | 'data:clear'
> => ({
  'session:get': () => core.session(),
  'session:sign-in': (request) => core.signIn(request),
  'session:sign-out': () => core.signOut(),
  'session:sign-in-options': (request) => core.providerSignIn.options(request),
  'session:provider-start': (request) => core.providerSignIn.start(request),
  'session:provider-wait': () => core.providerSignIn.wait(),
  'session:provider-cancel': () => (core.providerSignIn.cancel(), null),
  'session:retry-now': () => core.retryNow(),
  'conversations:list': () => core.list(),
  'conversations:get': ({ id }) => core.get(id),
  'conversations:accept': ({ id }) => core.accept(id),
  'conversations:decline': ({ id, reason, code }) => core.decline(id, reason, code),
  'conversations:reply': ({ id, text, attachments }) => core.reply(id, text, attachments),
  'conversations:mark-read': ({ id }) => core.markRead(id),
  'history:search': (request) => core.searchHistory(request),
  'history:list': (request) => core.listHistory(request),
  'history:export': ({ id, staffNotes }) => core.exportConversation(id, { staffNotes: staffNotes ?? 'mark' }),
  'data:clear': () => core.clearData(),
});
