import type { CSSProperties } from 'react';
import { FIGURE_DEFINITIONS, formatPercent } from '../../shared/floor-figures';
import { isBelowGoal, SERVICE_LEVEL_DEFINITION, serviceLevelDefinition } from '../../shared/service-level';
import type { BoardState } from '../../shared/wallboard';
import { formatDuration } from '../format/time';
import { queueRows } from './selectors';

/** Every queue of the screen, one row each; the rows share the height so any number fits the wall. */
export function QueuesPage({ board, now }: { board: BoardState; now: number }) {
  const rows = queueRows(board, now);
  return (
    <section className="wallboard-page wallboard-page--queues" aria-label="Queues" style={{ '--queue-rows': Math.max(rows.length, 3) } as CSSProperties}>
      <h1 className="wallboard-title">Queues</h1>
      <table className="wallboard-table">
        <thead>
          <tr>
            <th scope="col">Queue</th>
            <th scope="col" title={FIGURE_DEFINITIONS.waiting}>Waiting</th>
            <th scope="col" title={FIGURE_DEFINITIONS.longestWait}>Longest wait</th>
            <th scope="col" title={SERVICE_LEVEL_DEFINITION}>Service level</th>
            <th scope="col" title={FIGURE_DEFINITIONS.abandonedToday}>Abandoned today</th>
            <th scope="col" title={FIGURE_DEFINITIONS.agentsFreeBusyAway}>Agents free / busy / away</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid={`wallboard-queue-${row.id}`}>
              <th scope="row">{row.name}</th>
              <td data-testid="queue-waiting" className={row.waiting > 0 ? 'is-warm' : undefined}>
                {row.waiting}
              </td>
              <td data-testid="queue-longest-wait" className={row.longestWaitMs !== null && row.longestWaitMs > row.target.targetSeconds * 1000 ? 'is-hot' : undefined}>
                {row.longestWaitMs === null ? '—' : formatDuration(row.longestWaitMs)}
              </td>
              <td title={serviceLevelDefinition(row.target)} className={isBelowGoal(row.serviceLevel, row.target) ? 'is-hot' : undefined}>
                <span data-testid="queue-service-level">{formatPercent(row.serviceLevel)}</span>
                <span className="wallboard-goal" data-testid="queue-service-goal">
                  {row.target.thresholdPercent}% in {row.target.targetSeconds} s
                </span>
              </td>
              <td>{row.abandonedToday}</td>
              <td>
                {row.agents.available} / {row.agents.busy} / {row.agents.away}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
