import type { Person } from '../../shared/admin';
import { ServiceError } from '../services/conversations';
import type { Actor, Administration } from './administration';

/**
 * A deactivated person's open chats and offers go back to their queues, each with a note for the
 * next agent. Through the lifecycle's forced transfer, so routing, events and the bot's callbacks
 * see an ordinary move; the admin acts there as a supervisor of every queue.
 */
export async function requeueChatsOf(admin: Administration, actor: Actor, person: Person): Promise<string[]> {
  const asSupervisor = { ...actor, queues: (await admin.accounts.queues()).map((queue) => queue.id) };
  const moved: string[] = [];
  for (const record of await admin.conversations.activeForAgent(person.id)) {
    const note = `${person.name} was deactivated by ${actor.name}; the chat went back to the queue.`;
    try {
      await admin.service.transfer(asSupervisor, record.id, { kind: 'queue', id: record.queue }, note, { force: true });
      moved.push(record.id);
    } catch (error) {
      // Resolved or taken by someone else in the meantime: nothing of theirs is left to move.
      if (!(error instanceof ServiceError)) throw error;
    }
  }
  return moved;
}
