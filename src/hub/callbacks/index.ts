import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../context';
import { createCallbackRepository } from '../store/callbacks';
import type { HubDatabase } from '../store/database';
import { createCallbackDispatcher, type CallbackDispatcher, type CallbackSink } from './dispatcher';

export { createCallbackDispatcher, type CallbackDispatcher, type CallbackSink } from './dispatcher';

/**
 * The hub's callback dispatcher, tied to the app's life: it catches up on what was queued before a
 * restart once the app is ready, and stops before the store closes. Wake it on every publish.
 */
export function startBotCallbacks(app: FastifyInstance, db: HubDatabase, context: HubContext, sinks: Record<string, CallbackSink> = {}): CallbackDispatcher {
  const dispatcher = createCallbackDispatcher({
    db,
    repository: createCallbackRepository(db),
    integrationById: (id) => context.accounts.integrationById(id),
    now: () => context.now(),
  });
  for (const [integrationId, sink] of Object.entries(sinks)) dispatcher.registerSink(integrationId, sink);
  app.addHook('onReady', async () => dispatcher.wake());
  app.addHook('preClose', async () => dispatcher.stop());
  return dispatcher;
}
