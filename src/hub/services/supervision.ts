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
  /** An agent's capacity was freed (take-over): offer them what waits. */
  capacityFreed(agentId: string): void;
  flags: FlagDesk;
}

const person = (account: Account): Person => ({ id: account.id, name: account.name });

/**
 * A supervisor stepping into a conversation of their queues: monitor, whisper, barge, take over,
 * answer a flag. Each step-in is one transaction on the shared kernel that records
 * `step-in:started` with who and when, so the conversation's history shows it to whoever may see it.
 */
export function createSupervisionService(deps: SupervisionDeps) {
  const { kernel } = deps;
  const { conversations } = kernel.deps;
  // Who is watching which conversation, for the typing relay. Live only: a monitor is a session, not a fact.
  const monitors = new Map<string, Set<string>>();

  /** Supervisors and admins of the conversation's queue; anyone else is told it does not exist. */
  function requireSupervised(user: Account, id: string): ConversationRecord {
    if (user.role !== 'supervisor' && user.role !== 'admin') {
      throw new ServiceError('forbidden', 'Stepping into a conversation is for supervisors and admins.');
    }
    const record = conversations.get(id);
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

  function logStepIn(record: ConversationRecord, mode: StepInMode, user: Account, audience: string[], logged: LoggedEvent[], at: string): void {
    logged.push(kernel.log(record, { type: 'step-in:started', mode, supervisor: person(user) }, audience, at));
  }

  function answerFlag(user: Account, record: ConversationRecord, flagId: string | undefined, action: FlagAction, logged: LoggedEvent[]): void {
    if (!flagId) return;
    if (deps.flags.conversationOf(flagId) !== record.id) throw new ServiceError('not_found', 'No such flag in this conversation.');
    deps.flags.answer(flagId, user, action, logged);
  }

  const viewOf = (id: string): ConversationView => conversations.view(kernel.requireRecord(id));

  const isParticipant = (record: ConversationRecord, userId: string) => record.participants.some((participant) => participant.id === userId);

  /**
   * A line in the transcript only staff see, addressed to the agent: how the agent is told of a
   * step-in that changes nothing they would otherwise notice (an acknowledged flag, a take-over).
   * Logged against `record` as it was, so the agent who is about to lose it still receives it.
   */
  function noteToAgent(record: ConversationRecord, text: string, at: string, logged: LoggedEvent[]): void {
    const note: Message = { id: `m_${randomUUID()}`, conversationId: record.id, at, author: 'system', text, visibility: 'staff' };
    kernel.addMessage(record, note, logged);
  }

  return {
    /** Watch silently: the transcript now and its events live. The customer and the agent never see it. */
    monitor(user: Account, id: string): ConversationView {
      const record = requireSupervised(user, id);
      requireOpen(record);
      const watching = monitors.get(id) ?? new Set<string>();
      const isNew = !watching.has(user.id);
      watching.add(user.id);
      monitors.set(id, watching);
      if (isNew) kernel.transact((logged) => logStepIn(record, 'monitor', user, [], logged, kernel.now()));
      return conversations.view(record);
    },

    /** A message only the owning agent (and supervisors) see, marked as a whisper; never the customer. */
    whisper(user: Account, id: string, clientMessageId: string, text: string, flagId?: string): { message: Message; created: boolean } {
      return kernel.transact((logged) => {
        const record = requireSupervised(user, id);
        requireOpen(record);
        const agentId = requireAgentOwner(record);
        const existing = conversations.messageByClientId(id, clientMessageId);
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
        logStepIn(record, 'whisper', user, [agentId], logged, at);
        kernel.addMessage(record, message, logged);
        answerFlag(user, record, flagId, 'whisper', logged);
        return { message, created: true };
      });
    },

    /** Join the chat visibly: the customer is told who joined, and the supervisor may write. */
    barge(user: Account, id: string, flagId?: string): ConversationView {
      return kernel.transact((logged) => {
        const record = requireSupervised(user, id);
        requireOpen(record);
        if (!isParticipant(record, user.id)) {
          const at = kernel.now();
          conversations.setParticipants(id, [...record.participants, person(user)]);
          logStepIn(record, 'barge', user, kernel.audienceOf(record), logged, at);
          const joined: Message = { id: `m_${randomUUID()}`, conversationId: id, at, author: 'system', text: `${user.name} (supervisor) joined the chat.` };
          kernel.addMessage(record, joined, logged);
        }
        answerFlag(user, record, flagId, 'barge', logged);
        return viewOf(id);
      });
    },

    /** Ownership moves to the supervisor; the agent is told and their capacity is freed. */
    takeOver(user: Account, id: string): ConversationView {
      let previousAgent: string | null = null;
      const view = kernel.transact((logged) => {
        const record = requireSupervised(user, id);
        requireOpen(record);
        previousAgent = requireAgentOwner(record);
        const at = kernel.now();
        noteToAgent(record, `${user.name} (supervisor) took over this conversation. You can read along.`, at, logged);
        const taken = kernel.apply(record, { kind: 'take_over', by: person(user) }, at);
        const audience = [previousAgent, user.id];
        logStepIn(taken, 'take_over', user, audience, logged, at);
        logged.push(kernel.log(taken, { type: 'conversation:state-changed', state: taken.state, owner: taken.owner, offer: null }, audience, at));
        return viewOf(id);
      });
      if (previousAgent) deps.capacityFreed(previousAgent);
      return view;
    },

    /** A supervisor writes to the customer, files included: allowed once they barged in or took the conversation over. */
    say(user: Account, id: string, clientMessageId: string, text: string, attachments: Attachment[] = []): { message: Message; created: boolean } {
      return kernel.transact((logged) => {
        const record = requireSupervised(user, id);
        requireOpen(record);
        const isOwner = record.state === 'assigned' && record.assignedAgentId === user.id;
        if (!isOwner && !isParticipant(record, user.id)) {
          throw new ServiceError('not_joined', 'Barge in or take over before writing to the customer.');
        }
        const existing = conversations.messageByClientId(id, clientMessageId);
        if (existing) return { message: existing, created: false };
        const files = attachments.length > 0 ? { attachments } : {};
        const message: Message = { id: `m_${randomUUID()}`, conversationId: id, at: kernel.now(), author: 'supervisor', authorName: user.name, text, clientMessageId, ...files };
        return { message: kernel.addMessage(record, message, logged), created: true };
      });
    },

    /** Answer an agent's flag without stepping in. */
    acknowledgeFlag(user: Account, flagId: string): Flag {
      return kernel.transact((logged) => {
        const conversationId = deps.flags.conversationOf(flagId);
        if (!conversationId) throw new ServiceError('not_found', 'No such flag, or it is not in your queues.');
        const record = requireSupervised(user, conversationId);
        const { flag, isNew } = deps.flags.answer(flagId, user, 'acknowledge', logged);
        // Only the first answer is news; a repeated acknowledge leaves the transcript alone.
        if (isNew) noteToAgent(record, `${user.name} (supervisor) saw your flag: “${flag.message}”`, flag.answer?.at ?? kernel.now(), logged);
        return flag;
      });
    },

    /** Supervisors monitoring a conversation now, for the typing relay. */
    monitorsOf(conversationId: string): ReadonlySet<string> {
      return monitors.get(conversationId) ?? new Set();
    },

    /** Forgets monitors of conversations that closed, so the map does not grow with history. */
    onEvents(logged: LoggedEvent[]): void {
      for (const { event } of logged) {
        const closed =
          event.type === 'conversation:resolved' ||
          event.type === 'conversation:abandoned' ||
          (event.type === 'conversation:state-changed' && isClosed(event.state));
        if (closed) monitors.delete(event.conversationId);
      }
    },
  };
}

export type SupervisionService = ReturnType<typeof createSupervisionService>;
