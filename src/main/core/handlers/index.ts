import { ipcChannels, isChannelName } from '../../../shared/ipc';
import { fail, ok, type Result } from '../../../shared/result';
import { HubRequestError } from '../../hub-client/http-client';
import { CoreError, type Core } from '../create-core';
import { adminHandlers } from './admin';
import { agentActionHandlers } from './agent-actions';
import { customerHistoryHandlers } from './customer-history';
import { attachmentHandlers } from './attachments';
import { metricsHandlers } from './metrics';
import { sessionHandlers } from './session';
import { signInSettingsHandlers } from './sign-in-settings';
import { supervisorHandlers } from './supervisor';
import type { Handlers } from './types';

export type { Handlers } from './types';

/** The contract's channels, answered by the core. Each transport (IPC, bridge) calls `dispatch`. */
export function createHandlers(core: Core): Handlers {
  return {
    ...sessionHandlers(core),
    ...agentActionHandlers(core),
    ...customerHistoryHandlers(core),
    ...attachmentHandlers(core),
    ...supervisorHandlers(core),
    ...metricsHandlers(core),
    ...adminHandlers(core),
    ...signInSettingsHandlers(core),
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
