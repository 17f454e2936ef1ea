import { randomUUID } from 'node:crypto';
import type { Flag } from '../../shared/conversation';
import type { Account } from '../store/accounts';
import type { FlagRepository } from '../store/flags';
import { ServiceError, type ConversationKernel } from './conversation-kernel';

export type FlagAction = NonNullable<Flag['answer']>['action'];

/**
 * An agent raising a hand in one conversation, and a supervisor answering it. The agent sees both
 * events (they are its audience); supervisors see them through the conversation's queue.
 */
export function createFlagService(kernel: ConversationKernel, flags: FlagRepository) {
  return {
    raiseFlag(agent: Account, conversationId: string, message: string): Flag {
      return kernel.transact((logged) => {
        const record = kernel.requireRecord(conversationId);
        if (record.state !== 'assigned' || record.assignedAgentId !== agent.id) {
          throw new ServiceError(409, 'not_yours', 'You can only flag a conversation you own.');
        }
        const flag: Flag = { id: `f_${randomUUID()}`, conversationId, raisedBy: { id: agent.id, name: agent.name }, message, at: kernel.now(), answer: null };
        flags.insert(flag);
        logged.push(kernel.log(record, { type: 'flag:raised', flag }, [agent.id], flag.at));
        return flag;
      });
    },

    /** A supervisor of the conversation's queue answers; the first answer stands (409 after). */
    answerFlag(flagId: string, by: Account, action: FlagAction): Flag {
      return kernel.transact((logged) => {
        const flag = flags.get(flagId);
        const record = flag ? kernel.deps.conversations.get(flag.conversationId) : null;
        const isSupervisor = (by.role === 'supervisor' || by.role === 'admin') && record !== null && by.queues.includes(record.queue);
        if (!flag || !record || !isSupervisor) throw new ServiceError(404, 'not_found', 'No such flag, or it is not in your queues.');
        const at = kernel.now();
        const answer = { by: { id: by.id, name: by.name }, action, at };
        if (!flags.answer(flagId, answer)) throw new ServiceError(409, 'already_answered', 'This flag has already been answered.');
        const answered: Flag = { ...flag, answer };
        logged.push(kernel.log(record, { type: 'flag:answered', flag: answered }, [flag.raisedBy.id], at));
        return answered;
      });
    },
  };
}
