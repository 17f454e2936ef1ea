import type { AgentStatus } from '../../shared/conversation';
import type { AccountRepository } from '../store/accounts';
import type { ConversationRepository } from '../store/conversations';
import type { FlagRepository } from '../store/flags';
import type { Presence } from './presence';

export interface AgentStatusSources {
  accounts: AccountRepository;
  conversations: ConversationRepository;
  presence: Presence;
  flags: FlagRepository;
}

/**
 * Live states of the agents of some queues, as supervisors and wallboards see them: presence and
 * since when, load against capacity, unanswered flags. One query each for loads and flags, however
 * many agents, because this runs on every coalesced change.
 */
export function createAgentStatusReader(sources: AgentStatusSources) {
  return function agentStatuses(queues: readonly string[]): AgentStatus[] {
    const loads = sources.conversations.loads();
    const openFlags = sources.flags.openByAgent();
    const seen = new Set<string>();
    const statuses: AgentStatus[] = [];
    for (const queue of queues) {
      for (const agent of sources.accounts.agentsOfQueue(queue)) {
        if (seen.has(agent.id)) continue;
        seen.add(agent.id);
        const status = sources.presence.status(agent.id);
        statuses.push({
          id: agent.id,
          name: agent.name,
          presence: status.presence,
          since: new Date(status.since).toISOString(),
          queues: agent.queues,
          skills: agent.skills,
          languages: agent.languages,
          capacity: agent.capacity,
          load: loads.get(agent.id) ?? 0,
          openFlags: openFlags.get(agent.id) ?? 0,
        });
      }
    }
    return statuses.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  };
}

export type AgentStatusReader = ReturnType<typeof createAgentStatusReader>;
