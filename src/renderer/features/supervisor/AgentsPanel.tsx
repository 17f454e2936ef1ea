import { memo, useMemo } from 'react';
import type { AgentStatus } from '../../../shared/conversation';
import { useNow } from '../../components/use-now';
import { formatDuration } from '../../format/time';
import { agentRows, agentState } from './console-selectors';
import { useSupervisor } from './use-supervisor';

/**
 * Each live snapshot from the hub is a new list of new objects, so rows compare what they show:
 * a snapshot that moved one agent re-renders that agent's row only, and the clock's tick only the
 * rows whose shown time in state changed.
 */
const isSameAgent = (a: AgentStatus, b: AgentStatus): boolean =>
  a.id === b.id && a.name === b.name && a.presence === b.presence && a.since === b.since && a.load === b.load && a.capacity === b.capacity && a.openFlags === b.openFlags;

const AgentRow = memo(
  function AgentRow({ agent, timeInState }: { agent: AgentStatus; timeInState: string }) {
    const state = agentState(agent);
    return (
      <li className="agent-row" data-testid="agent-row" data-agent-id={agent.id} data-state={state}>
        <span className="agent-row__name">{agent.name}</span>
        <span className={`agent-row__state agent-row__state--${state}`}>{state}</span>
        <span className="agent-row__since">{timeInState}</span>
        <span className="agent-row__load" aria-label="Conversations and capacity">
          {agent.load}/{agent.capacity}
        </span>
        {agent.openFlags > 0 ? <span className="chip chip--flag">{agent.openFlags} flag{agent.openFlags > 1 ? 's' : ''}</span> : null}
      </li>
    );
  },
  (before, after) => before.timeInState === after.timeInState && isSameAgent(before.agent, after.agent),
);

/** Every agent of the supervisor's queues: state and time in it, load against capacity, flags. */
export function AgentsPanel() {
  const agents = useSupervisor((state) => state.agents);
  const rows = useMemo(() => agentRows(agents).map((agent) => ({ agent, sinceMs: Date.parse(agent.since) })), [agents]);
  const now = useNow();

  return (
    <section className="console__panel console__panel--live" aria-labelledby="agents-title" data-testid="console-agents">
      <h2 id="agents-title" className="console__title">Agents</h2>
      <ul className="console__list console__list--agents">
        {rows.map(({ agent, sinceMs }) => (
          <AgentRow key={agent.id} agent={agent} timeInState={formatDuration(Number.isNaN(sinceMs) ? 0 : now - sinceMs)} />
        ))}
      </ul>
      {rows.length === 0 ? <p className="console__empty">No agents in your queues.</p> : null}
    </section>
  );
}
