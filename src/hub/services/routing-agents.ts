import type { AgentStatus } from '../../shared/conversation';
import type { Candidate } from '../routing/choose-agent';
import type { Account, AccountRepository } from '../store/accounts';
import type { ConversationRepository } from '../store/conversations';
import type { FlagRepository } from '../store/flags';
import type { Presence } from './presence';

export interface RosterDeps {
  accounts: AccountRepository;
  conversations: ConversationRepository;
  flags: FlagRepository;
  presence: Presence;
}

/**
 * The room as routing and supervisors see it: each agent's skills, languages and capacity (from
 * accounts) combined with their live presence and current load. Read fresh on every call, so it
 * cannot drift from the store.
 */
export function createAgentRoster(deps: RosterDeps) {
  const { accounts, conversations, presence } = deps;

  const toCandidate = (agent: Account, loads: Map<string, number>): Candidate => ({
    id: agent.id,
    name: agent.name,
    presence: presence.status(agent.id).presence,
    capacity: agent.capacity,
    load: loads.get(agent.id) ?? 0,
    idleSince: presence.idleSince(agent.id),
    skills: agent.skills,
    languages: agent.languages,
  });

  return {
    /** Routing candidates of a queue's member agents. */
    candidates(queue: string): Candidate[] {
      const agents = accounts.agentsOfQueue(queue);
      if (agents.length === 0) return [];
      // Loads only matter for available agents; under load with nobody available, skip the query.
      const isAnyoneAvailable = presence.hasAnyAvailable(agents.map((agent) => agent.id));
      const loads = isAnyoneAvailable ? conversations.loads() : new Map<string, number>();
      return agents.map((agent) => toCandidate(agent, loads));
    },
    /** One agent as a transfer target, or null when there is no such agent. */
    candidate(agentId: string): Candidate | null {
      const agent = accounts.userById(agentId);
      return agent && agent.role === 'agent' ? toCandidate(agent, conversations.loads()) : null;
    },
    /** Live state of every agent, or only the members of `queue`, for supervisors and wallboards. */
    agentStatuses(queue?: string): AgentStatus[] {
      const agents = queue === undefined ? accounts.agents() : accounts.agentsOfQueue(queue);
      const loads = conversations.loads();
      const openFlags = deps.flags.openByAgent();
      return agents.map((agent) => {
        const status = presence.status(agent.id);
        return {
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
        };
      });
    },
  };
}

export type AgentRoster = ReturnType<typeof createAgentRoster>;
