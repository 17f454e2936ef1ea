import { memo, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { AgentStatus } from '../../../shared/conversation';
import { useNow } from '../../components/use-now';
import { formatDuration } from '../../format/time';
import { FIGURE_DEFINITIONS } from '../../../shared/floor-figures';
import { agentRows, agentState, awayReason } from './console-selectors';
import { useSupervisor } from './use-supervisor';
import './agents-panel.css';

/**
 * Each live snapshot from the hub is a new list of new objects, so rows compare what they show:
 * a snapshot that moved one agent re-renders that agent's row only, and the clock's tick only the
 * rows whose shown time in state changed.
 */
const isSameAgent = (a: AgentStatus, b: AgentStatus): boolean =>
  a.id === b.id && a.name === b.name && a.presence === b.presence && a.presenceReason === b.presenceReason && a.since === b.since && a.load === b.load && a.capacity === b.capacity && a.openFlags === b.openFlags;

interface AgentRowProps {
  agent: AgentStatus;
  timeInState: string;
  /** Set when the list is virtualised: where the row sits in it. */
  offset?: number;
}

const AgentRow = memo(
  function AgentRow({ agent, timeInState, offset }: AgentRowProps) {
    const state = agentState(agent);
    const reason = awayReason(agent);
    // A style prop goes through the CSSOM, which the CSP's `style-src 'self'` allows.
    const placement = offset === undefined ? {} : { className: 'agent-row agent-row--virtual', style: { transform: `translateY(${offset}px)`, height: AGENT_ROW_PX } };
    return (
      <li className="agent-row" data-testid="agent-row" data-agent-id={agent.id} data-state={state} {...placement}>
        <span className="agent-row__name">{agent.name}</span>
        <span className={`agent-row__state agent-row__state--${state}`} title={reason ? `Away · ${reason}` : undefined} data-testid="agent-state">
          {state}
          {reason ? <span className="agent-row__reason"> · {reason}</span> : null}
        </span>
        <span className="agent-row__since" data-testid="agent-time-in-state">
          {state === 'offline' ? <span title="Not signed in: time offline is not counted">—</span> : timeInState}
        </span>
        <span className="agent-row__load" aria-label="Conversations and capacity">
          {agent.load}/{agent.capacity}
        </span>
        <span className="agent-row__flags">
          {agent.openFlags > 0 ? <span className="chip chip--flag">{agent.openFlags} flag{agent.openFlags > 1 ? 's' : ''}</span> : null}
        </span>
      </li>
    );
  },
  (before, after) => before.offset === after.offset && before.timeInState === after.timeInState && isSameAgent(before.agent, after.agent),
);

/** Up to this many agents the list is plain; past it only the rows in view are in the page. */
const VIRTUALISE_ABOVE = 60;
/**
 * One row's fixed height in the virtual list. 300 agent rows were two thirds of the console's
 * layout objects, laid out on every change and hit-tested on every frame (Chrome trace).
 */
const AGENT_ROW_PX = 40;
const agentRowHeight = (): number => AGENT_ROW_PX;

interface ListProps {
  rows: { agent: AgentStatus; sinceMs: number }[];
  now: number;
}

const timeIn = (sinceMs: number, now: number): string => formatDuration(Number.isNaN(sinceMs) ? 0 : now - sinceMs);

function PlainAgents({ rows, now }: ListProps) {
  return (
    <ul className="console__list console__list--agents">
      {rows.map(({ agent, sinceMs }) => (
        <AgentRow key={agent.id} agent={agent} timeInState={timeIn(sinceMs, now)} />
      ))}
    </ul>
  );
}

function VirtualAgents({ rows, now }: ListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: agentRowHeight, overscan: 6 });
  return (
    <div className="agents__scroller" ref={scrollRef} tabIndex={0} role="region" aria-label="Agents">
      <ul className="console__list agents__list--virtual" data-virtualised="true" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((virtual) => {
          const row = rows[virtual.index];
          return row ? <AgentRow key={row.agent.id} agent={row.agent} timeInState={timeIn(row.sinceMs, now)} offset={virtual.start} /> : null;
        })}
      </ul>
    </div>
  );
}

/** Every agent of the supervisor's queues: state and time in it, load against capacity, flags. */
export function AgentsPanel() {
  const agents = useSupervisor((state) => state.agents);
  const rows = useMemo(() => agentRows(agents).map((agent) => ({ agent, sinceMs: Date.parse(agent.since) })), [agents]);
  const now = useNow();

  return (
    <section className="console__panel console__panel--live" aria-labelledby="agents-title" data-testid="console-agents">
      <h2 id="agents-title" className="console__title">Agents</h2>
      {rows.length > 0 ? (
        <div className="agent-row agent-row--head" data-testid="agents-head">
          <span className="agent-row__name">Agent</span>
          <span className="agent-row__state" title={FIGURE_DEFINITIONS.agentState}>State</span>
          <span className="agent-row__since" title={FIGURE_DEFINITIONS.timeInState}>
            Time in state
          </span>
          <span className="agent-row__load" title={FIGURE_DEFINITIONS.agentChats}>
            Chats
          </span>
          <span className="agent-row__flags" title={FIGURE_DEFINITIONS.agentFlags}>Flags</span>
        </div>
      ) : null}
      {rows.length > VIRTUALISE_ABOVE ? <VirtualAgents rows={rows} now={now} /> : <PlainAgents rows={rows} now={now} />}
      {rows.length === 0 ? <p className="console__empty">No agents in your queues.</p> : null}
    </section>
  );
}
