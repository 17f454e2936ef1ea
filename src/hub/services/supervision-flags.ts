import type { Flag } from '../../shared/conversation';
import type { LoggedEvent } from '../store/events';
import type { FlagRepository } from '../store/flags';
import { ServiceError, type ConversationKernel } from './conversation-kernel';

export type FlagAction = NonNullable<Flag['answer']>['action'];

/**
 * Answers an agent's flag inside the caller's transaction, so the answer and the step-in that
 * carried it (a whisper, a barge) are recorded together or not at all. The first answer stands.
 */
export function createFlagDesk(kernel: ConversationKernel, flags: FlagRepository) {
  return {
    conversationOf(flagId: string): string | null {
      return flags.get(flagId)?.conversationId ?? null;
    },
    answer(flagId: string, by: { id: string; name: string }, action: FlagAction, logged: LoggedEvent[]): Flag {
      const flag = flags.get(flagId);
      if (!flag) throw new ServiceError(404, 'not_found', 'No such flag.');
      if (flag.answer) return flag;
      const answer = { by, action, at: kernel.now() };
      flags.answer(flagId, answer);
      const answered = { ...flag, answer };
      const record = kernel.requireRecord(flag.conversationId);
      logged.push(kernel.log(record, { type: 'flag:answered', flag: answered }, [flag.raisedBy.id], answer.at));
      return answered;
    },
  };
}

export type FlagDesk = ReturnType<typeof createFlagDesk>;
