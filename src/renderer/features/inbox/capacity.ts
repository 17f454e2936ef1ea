import type { AgentSelf } from '../../../shared/ipc';

/** "2 of 3 chats": the agent's open conversations against what routing gives them at most. */
export function capacityText(activeCount: number, agent: AgentSelf | null | undefined): string {
  const chats = (n: number) => (n === 1 ? 'chat' : 'chats');
  if (!agent || agent.capacity <= 0) return `${activeCount} ${chats(activeCount)}`;
  return `${activeCount} of ${agent.capacity} ${chats(agent.capacity)}`;
}
