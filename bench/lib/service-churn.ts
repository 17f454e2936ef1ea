import type { RunningHub } from '../../src/hub/server';
import { handoffEnvelope } from './envelopes';
import { BENCH_INTEGRATION_TOKEN } from './hub-fixture';
import { createRandom } from './prng';
import { createSentences } from './sentences';

/** Events a wallboard folds per cycle: queued, offered, assigned, resolved. */
export const BOARD_EVENTS_PER_CYCLE = 4;

export interface ServiceChurn {
  /** Runs `count` whole handoff → offer → accept → resolve cycles; returns how many could not be accepted (abandoned instead). */
  cycles(count: number): Promise<number>;
  /** Ends every conversation still open in `queue` (abandoned if nobody holds it, resolved by its agent otherwise). */
  drain(): Promise<number>;
}

/**
 * Lifecycle churn through the hub's own conversation service, in process: the same transactions,
 * event log and stream fan-out as the HTTP routes, without a request per step. The memory figure
 * needs an hour of events in minutes, and each cycle closes what it opened, so the set of open
 * conversations (what a wallboard legitimately holds) is the same at every measurement.
 */
export async function createServiceChurn(running: RunningHub, queue: string): Promise<ServiceChurn> {
  const { service, accounts, conversations } = running.hub.context;
  const integration = await accounts.integrationByToken(BENCH_INTEGRATION_TOKEN);
  if (!integration) throw new Error('the bench integration is not set up on this hub');
  const random = createRandom(29);
  const sentences = createSentences(random);
  const template = handoffEnvelope(random, sentences, 'template', 4, queue);
  let made = 0;

  const accountOf = async (agentId: string) => {
    const agent = await accounts.userById(agentId);
    if (!agent) throw new Error(`no account ${agentId}`);
    return agent;
  };

  return {
    async cycles(count) {
      let unaccepted = 0;
      for (let i = 0; i < count; i += 1) {
        made += 1;
        const { conversationId } = await service.ingest({ ...template, id: `churn-${made}` }, integration);
        const offer = (await conversations.get(conversationId))?.offer;
        if (!offer) {
          // Every agent at capacity: the customer gives up, which still closes the cycle.
          await service.abandon(conversationId, 'bench: nobody free');
          unaccepted += 1;
          continue;
        }
        const agent = await accountOf(offer.agentId);
        await service.accept(agent, conversationId);
        await service.resolve(agent, conversationId, 'solved');
      }
      return unaccepted;
    },
    async drain() {
      const open = await conversations.activeInQueue(queue);
      for (const record of open) {
        if (record.state === 'assigned' && record.assignedAgentId) await service.resolve(await accountOf(record.assignedAgentId), record.id, 'solved');
        else await service.abandon(record.id, 'bench: drained');
      }
      return open.length;
    },
  };
}
