import type { ConversationView, TransferNote, TransferTarget } from '../../shared/conversation';
import type { TransferTo } from '../lifecycle/transitions';
import { hasRoom } from '../routing/choose-agent';
import type { Account } from '../store/accounts';
import type { LoggedEvent } from '../store/events';
import { ServiceError, type ConversationKernel } from './conversation-kernel';
import type { AgentRoster } from './routing-agents';
import type { Dispatcher } from './routing-dispatch';

const isSupervisorOf = (actor: Account, queue: string) => (actor.role === 'supervisor' || actor.role === 'admin') && actor.queues.includes(queue);

/**
 * Warm transfers: the owning agent (or, forced, a supervisor of the queue) hands a conversation to
 * a named agent, who gets it as an offer with the note, or back to a queue to be routed again. The
 * note travels in `conversation:transferred` and stays on the view as `transfer`.
 */
export function createTransfers(kernel: ConversationKernel, roster: AgentRoster, dispatcher: Dispatcher, offerTimeoutMs: number | null) {
  const { conversations, accounts, presence } = kernel.deps;

  /**
   * Where it goes, refused with a clear 404/409 when that agent cannot take it now. Read inside the
   * transfer's write: the presence and load checked are the ones the offer is committed against.
   */
  async function resolveTarget(target: TransferTarget, expiresAt: string | null): Promise<{ to: TransferTo; name: string }> {
    if (target.kind === 'queue') {
      const queue = await accounts.queue(target.id);
      if (!queue) throw new ServiceError('no_such_queue', `There is no queue ${target.id}.`);
      return { to: { kind: 'queue', queue: queue.id }, name: queue.name };
    }
    const agent = await roster.candidate(target.id);
    if (!agent) throw new ServiceError('no_such_agent', 'There is no such agent.');
    if (agent.presence !== 'available') {
      throw new ServiceError(`agent_${agent.presence}` as const, `${agent.name} is ${agent.presence}: transfer to someone available, or to a queue.`);
    }
    if (!hasRoom(agent)) {
      throw new ServiceError('agent_full', `${agent.name} is at capacity (${agent.load} of ${agent.capacity} chats): choose someone else, or a queue.`);
    }
    return { to: { kind: 'agent', agent: { id: agent.id, name: agent.name }, expiresAt }, name: agent.name };
  }

  async function transfer(actor: Account, id: string, target: TransferTarget, note: string, options: { force?: boolean } = {}): Promise<ConversationView> {
    return kernel.transact(async (logged: LoggedEvent[]) => {
      const record = await kernel.requireRecord(id);
      const force = options.force === true;
      if (force && !isSupervisorOf(actor, record.queue)) {
        throw new ServiceError('forbidden', 'Only a supervisor of this queue can force a transfer.');
      }
      const now = kernel.deps.now();
      const at = now.toISOString();
      const expiresAt = offerTimeoutMs === null ? null : new Date(now.getTime() + offerTimeoutMs).toISOString();
      const { to, name } = await resolveTarget(target, expiresAt);
      const moved = await kernel.apply(record, { kind: 'transfer', by: { id: actor.id, name: actor.name }, to, force }, at);
      const transferNote: TransferNote = { from: { id: actor.id, name: actor.name }, to: { ...target, name }, note, at };
      await conversations.setTransfer(id, transferNote);
      const after = { ...moved, transfer: transferNote };
      await dispatcher.forget(id);
      if (to.kind === 'queue' && record.assignedAgentId) await dispatcher.passOver(id, record.assignedAgentId);
      // An offer the transfer cut short is withdrawn, so metrics do not count it as unanswered.
      if (record.offer && record.offer.agentId !== after.offer?.agentId) {
        const withdrawn = { type: 'offer:ended' as const, agentId: record.offer.agentId, outcome: 'withdrawn' as const, reason: 'transferred' };
        logged.push(await kernel.log(record, withdrawn, [record.offer.agentId], at));
      }
      const audience = new Set([...kernel.audienceOf(record), ...kernel.audienceOf(after)]);
      const transferred = { type: 'conversation:transferred' as const, conversation: await conversations.view(after), transfer: transferNote };
      logged.push(await kernel.log(after, transferred, [...audience], at));
      if (after.state === 'transferred') {
        dispatcher.armFor(after);
        await presence.workChanged(after.offer!.agentId);
      } else {
        await dispatcher.dispatchQueue(after.queue, logged, [id]);
      }
      // Whoever handed it over has room again.
      if (after.queue !== record.queue || after.state === 'transferred') await dispatcher.dispatchQueue(record.queue, logged);
      return conversations.view(await kernel.requireRecord(id));
    });
  }

  return { transfer };
}
