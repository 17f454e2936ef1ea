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
 * accounts) combined with their presence on the whole floor and current load. Read fresh on every call, so it
 * cannot drift from the store; routing calls it inside the write that makes its offers, so the loads
 * it counts are the ones that write commits against.
 */
export function createAgentRoster(deps: RosterDeps) {
  const { accounts, conversations, presence } = deps;

  type Statuses = Awaited<ReturnType<Presence['statuses']>>;
  const toCandidate = (agent: Account, loads: Map<string, number>, statuses: Statuses): Candidate => ({
    id: agent.id,
    name: agent.name,
    presence: statuses.get(agent.id)?.presence ?? 'offline',
    capacity: agent.capacity,
    load: loads.get(agent.id) ?? 0,
    idleSince: statuses.get(agent.id)?.idleSince ?? 0,
    skills: agent.skills,
    languages: agent.languages,
  });

  const membersOf = async (queues: readonly string[]): Promise<Account[]> => {
    const byId = new Map<string, Account>();
    for (const queue of queues) for (const agent of await accounts.agentsOfQueue(queue)) byId.set(agent.id, agent);
    return [...byId.values()];
  };

  return {
    /** Routing candidates of a queue's member agents. */
    async candidates(queue: string): Promise<Candidate[]> {
      const agents = await accounts.agentsOfQueue(queue);
      if (agents.length === 0) return [];
      // Presence is read in the caller's write, floor-wide: one indexed read for the queue's agents.
      const statuses = await presence.statuses(agents.map((agent) => agent.id));
      // Loads only matter for available agents; under load with nobody available, skip the query.
      const isAnyoneAvailable = [...statuses.values()].some((status) => status.presence === 'available');
      const loads = isAnyoneAvailable ? await conversations.loads() : new Map<string, number>();
      return agents.map((agent) => toCandidate(agent, loads, statuses));
    },
    /** One agent as a transfer target, or null when there is no such agent. */
    async candidate(agentId: string): Promise<Candidate | null> {
      const agent = await accounts.userById(agentId);
      return agent && agent.role === 'agent' ? toCandidate(agent, await conversations.loads(), await presence.statuses([agent.id])) : null;
    },
    /**
     * Live state of every agent, or of the members of `queues` (each once), for supervisors,
     * wallboards and the customer's wait estimate. One query each for loads and flags, however many
     * agents: this runs on every coalesced change.
     */
    async agentStatuses(queues?: readonly string[]): Promise<AgentStatus[]> {
      const agents = queues === undefined ? await accounts.agents() : await membersOf(queues);
      const loads = await conversations.loads();
      const openFlags = await deps.flags.openByAgent();
      const statuses = await presence.statuses(agents.map((agent) => agent.id));
      return agents
        .map((agent) => {
          const status = statuses.get(agent.id)!;
          return {
            id: agent.id,
            name: agent.name,
            presence: status.presence,
            ...(status.reason ? { presenceReason: status.reason } : {}),
            ...(status.until ? { presenceUntil: new Date(status.until).toISOString() } : {}),
            since: new Date(status.since).toISOString(),
            queues: agent.queues,
            skills: agent.skills,
            languages: agent.languages,
            capacity: agent.capacity,
            load: loads.get(agent.id) ?? 0,
            openFlags: openFlags.get(agent.id) ?? 0,
          };
        })
        .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    },
  };
}

export type AgentRoster = ReturnType<typeof createAgentRoster>;

/** The agents of some queues as supervisors see them (`/v1/agents`, `/v1/directory`, live snapshots). */
export type AgentStatusReader = (queues: readonly string[]) => Promise<AgentStatus[]>;
