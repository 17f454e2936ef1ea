import { useMemo } from 'react';
import { useNow } from '../../components/use-now';
import { formatDuration, waitedMs } from '../../format/time';
import { agentRows, agentState } from './console-selectors';
import { useSupervisor } from './use-supervisor';

/** Every agent of the supervisor's queues: state and time in it, load against capacity, flags. */
export function AgentsPanel() {
  const agents = useSupervisor((state) => state.agents);
  const rows = useMemo(() => agentRows(agents), [agents]);
  const now = useNow();

  return (
    <section className="console__panel" aria-labelledby="agents-title" data-testid="console-agents">
      <h2 id="agents-title" className="console__title">Agents</h2>
      <ul className="console__list">
        {rows.map((agent) => {
          const state = agentState(agent);
          return (
            <li key={agent.id} className="agent-row" data-testid="agent-row" data-agent-id={agent.id} data-state={state}>
              <span className="agent-row__name">{agent.name}</span>
              <span className={`agent-row__state agent-row__state--${state}`}>{state}</span>
              <span className="agent-row__since">{formatDuration(waitedMs(agent.since, now))}</span>
              <span className="agent-row__load" aria-label="Conversations and capacity">
                {agent.load}/{agent.capacity}
              </span>
              {agent.openFlags > 0 ? <span className="chip chip--flag">{agent.openFlags} flag{agent.openFlags > 1 ? 's' : ''}</span> : null}
            </li>
          );
        })}
      </ul>
      {rows.length === 0 ? <p className="console__empty">No agents in your queues.</p> : null}
    </section>
  );
}
