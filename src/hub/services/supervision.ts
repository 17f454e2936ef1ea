import { randomUUID } from 'node:crypto';
import { isClosed, type ConversationView, type Flag, type Message, type StepInMode } from '../../shared/conversation';
import type { Attachment } from '../../shared/envelope';
import { agentOwnerOf } from '../lifecycle/transitions';
import type { Account } from '../store/accounts';
import type { ConversationRecord } from '../store/conversations';
import type { LoggedEvent } from '../store/events';
import { ServiceError, type ConversationKernel } from './conversation-kernel';
import type { FlagAction, FlagDesk } from './supervision-flags';

type Person = { id: string; name: string };

export interface SupervisionDeps {
  kernel: ConversationKernel;
  /** An agent's capacity was freed (take-over): offer them what waits. Awaited before the take-over answers. */
  capacityFreed(agentId: string): Promise<void> | void;
  flags: FlagDesk;
}

const person = (account: Account): Person => ({ id: account.id, name: account.name });

/** A conversation's step-ins, from its events (events_conversation serves it on both stores). */
const STEP_INS = "SELECT body FROM events WHERE conversation_id = ? AND type = 'step-in:started' ORDER BY seq";
/** Step-ins after which the supervisor is watching the conversation (a take-over makes them its owner instead). */
const WATCHING_MODES: ReadonlySet<StepInMode> = new Set<StepInMode>(['monitor', 'whisper', 'barge']);

/**
 * A supervisor stepping into a conversation of their queues: monitor, whisper, barge, take over,
 * answer a flag. Each step-in is one transaction on the shared kernel that records
 * `step-in:started` with who and when, so the conversation's history shows it to whoever may see it.
 * What a step-in checks (the queue, the state, the owner, a flag's answer) is read inside its write.
 */
export function createSupervisionService(deps: SupervisionDeps) {
  const { kernel } = deps;
  const { conversations, db } = kernel.deps;

  /** Who is watching a conversation, read from the log: the same on every replica, and across restarts. */
  async function watchersOf(conversationId: string): Promise<string[]> {
    const watching = new Set<string>();
    for (const { body } of await db.all<{ body: string }>(STEP_INS, [conversationId])) {
      const stepIn = JSON.parse(body) as { mode: StepInMode; supervisor: Person };
      if (WATCHING_MODES.has(stepIn.mode)) watching.add(stepIn.supervisor.id);
    }
    return [...watching];
  }

  /** Supervisors and admins of the conversation's queue; anyone else is told it does not exist. */
  async function requireSupervised(user: Account, id: string): Promise<ConversationRecord> {
    if (user.role !== 'supervisor' && user.role !== 'admin') {
      throw new ServiceError('forbidden', 'Stepping into a conversation is for supervisors and admins.');
    }
    const record = await conversations.get(id);
    if (!record || !user.queues.includes(record.queue)) {
      throw new ServiceError('not_found', 'No such conversation, or it is not in your queues.');
    }
    return record;
  }

  function requireOpen(record: ConversationRecord): void {
    if (isClosed(record.state)) throw new ServiceError('conversation_closed', `This conversation is ${record.state}.`);
  }

  function requireAgentOwner(record: ConversationRecord): string {
    const agentId = agentOwnerOf(record);
    if (!agentId) throw new ServiceError('no_agent', 'No agent owns this conversation right now.');
    return agentId;
  }

  async function logStepIn(record: ConversationRecord, mode: StepInMode, user: Account, audience: string[], logged: LoggedEvent[], at: string): Promise<void> {
    logged.push(await kernel.log(record, { type: 'step-in:started', mode, supervisor: person(user) }, audience, at));
  }

  async function answerFlag(user: Account, record: ConversationRecord, flagId: string | undefined, action: FlagAction, logged: LoggedEvent[]): Promise<void> {
    if (!flagId) return;
    if ((await deps.flags.conversationOf(flagId)) !== record.id) throw new ServiceError('not_found', 'No such flag in this conversation.');
    await deps.flags.answer(flagId, user, action, logged);
  }

  const viewOf = async (id: string): Promise<ConversationView> => conversations.view(await kernel.requireRecord(id));

  const isParticipant = (record: ConversationRecord, userId: string) => record.participants.some((participant) => participant.id === userId);

  /**
   * A line in the transcript only staff see, addressed to the agent: how the agent is told of a
   * step-in that changes nothing they would otherwise notice (an acknowledged flag, a take-over).
   * Logged against `record` as it was, so the agent who is about to lose it still receives it.
   */
  async function noteToAgent(record: ConversationRecord, text: string, at: string, logged: LoggedEvent[]): Promise<void> {
    const note: Message = { id: `m_${randomUUID()}`, conversationId: record.id, at, author: 'system', text, visibility: 'staff' };
    await kernel.addMessage(record, note, logged);
  }

  return {
    /** Watch silently: the transcript now and its events live. The customer and the agent never see it. */
    async monitor(user: Account, id: string): Promise<ConversationView> {
      return kernel.transact(async (logged) => {
        const record = await requireSupervised(user, id);
        requireOpen(record);
        if (!(await watchersOf(id)).includes(user.id)) await logStepIn(record, 'monitor', user, [], logged, kernel.now());
        return conversations.view(record);
      });
    },

    /** A message only the owning agent (and supervisors) see, marked as a whisper; never the customer. */
    async whisper(user: Account, id: string, clientMessageId: string, text: string, flagId?: string): Promise<{ message: Message; created: boolean }> {
      return kernel.transact(async (logged) => {
        const record = await requireSupervised(user, id);
        requireOpen(record);
        const agentId = requireAgentOwner(record);
        const existing = await conversations.messageByClientId(id, clientMessageId);
        if (existing) return { message: { ...existing, visibility: 'staff' as const }, created: false };
        const at = kernel.now();
        const message: Message = {
          id: `m_${randomUUID()}`,
          conversationId: id,
          at,
          author: 'supervisor',
          authorName: user.name,
          text,
          clientMessageId,
          visibility: 'staff',
        };
        await logStepIn(record, 'whisper', user, [agentId], logged, at);
        await kernel.addMessage(record, message, logged);
        await answerFlag(user, record, flagId, 'whisper', logged);
        return { message, created: true };
      });
    },

    /** Join the chat visibly: the customer is told who joined, and the supervisor may write. */
    async barge(user: Account, id: string, flagId?: string): Promise<ConversationView> {
      return kernel.transact(async (logged) => {
        const record = await requireSupervised(user, id);
        requireOpen(record);
        if (!isParticipant(record, user.id)) {
          const at = kernel.now();
          await conversations.setParticipants(id, [...record.participants, person(user)]);
          await logStepIn(record, 'barge', user, kernel.audienceOf(record), logged, at);
          const joined: Message = { id: `m_${randomUUID()}`, conversationId: id, at, author: 'system', text: `${user.name} (supervisor) joined the chat.` };
          await kernel.addMessage(record, joined, logged);
        }
        await answerFlag(user, record, flagId, 'barge', logged);
        return viewOf(id);
      });
    },

    /** Ownership moves to the supervisor; the agent is told and their capacity is freed. */
    async takeOver(user: Account, id: string): Promise<ConversationView> {
      const { view, previousAgent } = await kernel.transact(async (logged) => {
        const record = await requireSupervised(user, id);
        requireOpen(record);
        const agentId = requireAgentOwner(record);
        const at = kernel.now();
        await noteToAgent(record, `${user.name} (supervisor) took over this conversation. You can read along.`, at, logged);
        const taken = await kernel.apply(record, { kind: 'take_over', by: person(user) }, at);
        const audience = [agentId, user.id];
        await logStepIn(taken, 'take_over', user, audience, logged, at);
        logged.push(await kernel.log(taken, { type: 'conversation:state-changed', state: taken.state, owner: taken.owner, offer: null }, audience, at));
        return { view: await viewOf(id), previousAgent: agentId };
      });
      await deps.capacityFreed(previousAgent);
      return view;
    },

    /** A supervisor writes to the customer, files included: allowed once they barged in or took the conversation over. */
    async say(user: Account, id: string, clientMessageId: string, text: string, attachments: Attachment[] = []): Promise<{ message: Message; created: boolean }> {
      return kernel.transact(async (logged) => {
        const record = await requireSupervised(user, id);
        requireOpen(record);
        const isOwner = record.state === 'assigned' && record.assignedAgentId === user.id;
        if (!isOwner && !isParticipant(record, user.id)) {
          throw new ServiceError('not_joined', 'Barge in or take over before writing to the customer.');
        }
        const existing = await conversations.messageByClientId(id, clientMessageId);
        if (existing) return { message: existing, created: false };
        const files = attachments.length > 0 ? { attachments } : {};
        const message: Message = { id: `m_${randomUUID()}`, conversationId: id, at: kernel.now(), author: 'supervisor', authorName: user.name, text, clientMessageId, ...files };
        return { message: await kernel.addMessage(record, message, logged), created: true };
      });
    },

    /** Answer an agent's flag without stepping in. */
    async acknowledgeFlag(user: Account, flagId: string): Promise<Flag> {
      return kernel.transact(async (logged) => {
        const conversationId = await deps.flags.conversationOf(flagId);
        if (!conversationId) throw new ServiceError('not_found', 'No such flag, or it is not in your queues.');
        const record = await requireSupervised(user, conversationId);
        const { flag, isNew } = await deps.flags.answer(flagId, user, 'acknowledge', logged);
        // Only the first answer is news; a repeated acknowledge leaves the transcript alone.
        if (isNew) await noteToAgent(record, `${user.name} (supervisor) saw your flag: “${flag.message}”`, flag.answer?.at ?? kernel.now(), logged);
        return flag;
      });
    },

    /** Supervisors who monitored, whispered or barged into the conversation, for the typing relay. */
    monitorsOf: watchersOf,
  };
}

export type SupervisionService = ReturnType<typeof createSupervisionService>;
