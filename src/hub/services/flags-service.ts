import { randomUUID } from 'node:crypto';
import type { Flag } from '../../shared/conversation';
import type { Account } from '../store/accounts';
import type { FlagRepository } from '../store/flags';
import { ServiceError, type ConversationKernel } from './conversation-kernel';
import { createFlagDesk, type FlagAction } from './supervision-flags';

/**
 * An agent raising a hand in one conversation, and a supervisor answering it. The agent sees both
 * events (they are its audience); supervisors see them through the conversation's queue.
 */
export function createFlagService(kernel: ConversationKernel, flags: FlagRepository) {
  const desk = createFlagDesk(kernel, flags);
  return {
    async raiseFlag(agent: Account, conversationId: string, message: string): Promise<Flag> {
      return kernel.transact(async (logged) => {
        const record = await kernel.requireRecord(conversationId);
        if (record.state !== 'assigned' || record.assignedAgentId !== agent.id) {
          throw new ServiceError('not_yours', 'You can only flag a conversation you own.');
        }
        const flag: Flag = { id: `f_${randomUUID()}`, conversationId, raisedBy: { id: agent.id, name: agent.name }, message, at: kernel.now(), answer: null };
        await flags.insert(flag);
        logged.push(await kernel.log(record, { type: 'flag:raised', flag }, [agent.id], flag.at));
        return flag;
      });
    },

    /** A supervisor answers without stepping in: the flag desk's rule, in a transaction of its own. */
    async answerFlag(flagId: string, by: Account, action: FlagAction): Promise<Flag> {
      return kernel.transact(async (logged) => (await desk.answer(flagId, by, action, logged)).flag);
    },
  };
}
