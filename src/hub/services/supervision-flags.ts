import type { Flag } from '../../shared/conversation';
import type { Account } from '../store/accounts';
import type { LoggedEvent } from '../store/events';
import type { FlagRepository } from '../store/flags';
import { ServiceError, type ConversationKernel } from './conversation-kernel';

export type FlagAction = NonNullable<Flag['answer']>['action'];

const ACTION_WORDS: Record<FlagAction, string> = { acknowledge: 'acknowledged it', whisper: 'whispered', barge: 'barged in' };

/**
 * The one way a flag is answered, inside the caller's kernel transaction, so the answer and the step-in
 * that carried it (a whisper, a barge) are recorded together or not at all.
 *
 * The first answer stands. The supervisor who gave it may repeat themselves (a retried request, a
 * whisper after their own acknowledge): nothing more is recorded for the flag. Anyone else gets a
 * 409 naming who answered, and because it throws, their whole step-in is rolled back: the agent is
 * never told twice, and the second supervisor knows to stand down rather than whisper over the first.
 */
export function createFlagDesk(kernel: ConversationKernel, flags: FlagRepository) {
  return {
    async conversationOf(flagId: string): Promise<string | null> {
      return (await flags.get(flagId))?.conversationId ?? null;
    },

    /** Returns the flag as answered; `isNew` is false when this supervisor had already answered it. */
    async answer(flagId: string, by: Account, action: FlagAction, logged: LoggedEvent[]): Promise<{ flag: Flag; isNew: boolean }> {
      const flag = await flags.get(flagId);
      const record = flag ? await kernel.deps.conversations.get(flag.conversationId) : null;
      const isSupervisor = (by.role === 'supervisor' || by.role === 'admin') && record !== null && by.queues.includes(record.queue);
      if (!flag || !record || !isSupervisor) throw new ServiceError('not_found', 'No such flag, or it is not in your queues.');
      if (flag.answer) {
        if (flag.answer.by.id !== by.id) {
          const { name } = flag.answer.by;
          throw new ServiceError('already_answered', `This flag was already answered by ${name}, who ${ACTION_WORDS[flag.answer.action]}.`);
        }
        return { flag, isNew: false };
      }
      const answer = { by: { id: by.id, name: by.name }, action, at: kernel.now() };
      // Read and write share the caller's store write: no other answer, on any replica, lands between them.
      await flags.answer(flagId, answer);
      const answered: Flag = { ...flag, answer };
      logged.push(await kernel.log(record, { type: 'flag:answered', flag: answered }, [flag.raisedBy.id], answer.at));
      return { flag: answered, isNew: true };
    },
  };
}

export type FlagDesk = ReturnType<typeof createFlagDesk>;
