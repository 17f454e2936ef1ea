import { ipcChannels, isChannelName, type ChannelName, type ParsedRequestOf, type ResponseOf } from '../../shared/ipc';
import { fail, ok, type Result } from '../../shared/result';
import { HubRequestError } from '../hub-client/http-client';
import { CoreError, type Core } from './create-core';

export type Handlers = { [C in ChannelName]: (request: ParsedRequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>> };

/** The contract's channels, answered by the core. Each transport (IPC, bridge) calls `dispatch`. */
export function createHandlers(core: Core): Handlers {
  return {
    'session:get': () => core.session(),
    'session:sign-in': (request) => core.signIn(request),
    'session:sign-out': () => core.signOut(),
    'conversations:list': () => core.list(),
    'conversations:get': ({ id }) => core.get(id),
    'conversations:accept': ({ id }) => core.accept(id),
    'conversations:decline': ({ id, reason }) => core.decline(id, reason),
    'conversations:reply': ({ id, text }) => core.reply(id, text),
    'conversations:mark-read': ({ id }) => core.markRead(id),
    'history:search': (request) => core.searchHistory(request),
    'history:list': (request) => core.listHistory(request),
    'history:export': ({ id }) => core.exportConversation(id),
    'data:clear': () => core.clearData(),
    'session:retry-now': () => core.retryNow(),
  };
}

/**
 * Validates an untrusted request against the channel's schema, runs the handler and answers with a
 * Result. Nothing thrown crosses the boundary; unexpected errors are logged without their payload.
 */
export async function dispatch(handlers: Handlers, channel: unknown, request: unknown): Promise<Result<unknown>> {
  if (!isChannelName(channel)) return fail('unknown_channel', 'No such channel.');
  const parsed = ipcChannels[channel].request.safeParse(request);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`).join('; ');
    return fail('invalid_request', problems);
  }
  try {
    const handler = handlers[channel] as (request: unknown) => unknown;
    return ok(await handler(parsed.data));
  } catch (error) {
    if (error instanceof CoreError || error instanceof HubRequestError) return fail(error.code, error.message);
    console.error(`Warmline core: ${channel} failed: ${error instanceof Error ? error.name : 'error'}`);
    return fail('internal', 'Something went wrong in Warmline; nothing was changed.');
  }
}
