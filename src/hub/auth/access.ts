import type { User } from '../../shared/conversation';

export interface ConversationAccessFacts {
  queue: string;
  assignedAgentId: string | null;
  offer: { agentId: string } | null;
}

/**
 * Who may read a conversation: an agent only what is offered or assigned to them; supervisors and
 * admins what is in their queues. Wallboards read aggregates, never a transcript.
 */
export function canRead(user: User, conversation: ConversationAccessFacts): boolean {
  switch (user.role) {
    case 'agent':
      return conversation.assignedAgentId === user.id || conversation.offer?.agentId === user.id;
    case 'supervisor':
    case 'admin':
      return user.queues.includes(conversation.queue);
    case 'wallboard':
      return false;
  }
}

/** Whether a logged event may be streamed to a user (same rule, applied to its audience). */
export function canSeeEvent(user: User, event: { queue: string; audience: string[] }): boolean {
  switch (user.role) {
    case 'agent':
      return event.audience.includes(user.id);
    case 'supervisor':
    case 'admin':
      return user.queues.includes(event.queue);
    case 'wallboard':
      return false;
  }
}

export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S{1,500})$/i.exec(header.trim());
  return match?.[1] ?? null;
}
