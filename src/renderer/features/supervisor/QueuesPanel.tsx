import { useSyncExternalStore } from 'react';
import { useNow } from '../../components/use-now';
import { formatDuration, waitedMs } from '../../format/time';
import { FIGURE_DEFINITIONS, formatPercent } from '../../../shared/floor-figures';
import { isBelowGoal, SERVICE_LEVEL_DEFINITION, serviceLevelDefinition } from '../../../shared/service-level';
import { queueServiceLevel } from './console-selectors';
import type { LiveRoom } from './live-room';
import { useSupervisor } from './use-supervisor';

/** Per-queue figures, kept by the live room as events change them; only the longest wait ticks. */
export function QueuesPanel({ room }: { room: LiveRoom }) {
  const stats = useSyncExternalStore(room.subscribe, () => room.get().queues);
  const now = useNow();
  const names = useSupervisor((state) => state.queueNames);

  return (
    <section className="console__panel console__panel--live" aria-labelledby="queues-title" data-testid="console-queues">
      <h2 id="queues-title" className="console__title">Queues</h2>
      <table className="console__table">
        <thead>
          <tr>
            <th scope="col">Queue</th>
            <th scope="col" title={FIGURE_DEFINITIONS.waiting}>Waiting</th>
            <th scope="col" title={FIGURE_DEFINITIONS.longestWait}>Longest wait</th>
            <th scope="col" title={SERVICE_LEVEL_DEFINITION}>Service level</th>
            <th scope="col" title={FIGURE_DEFINITIONS.abandonedToday}>Abandoned today</th>
            <th scope="col" title={FIGURE_DEFINITIONS.agentsAvailable}>Available</th>
            <th scope="col" title={FIGURE_DEFINITIONS.agentsBusy}>Busy</th>
            <th scope="col" title={FIGURE_DEFINITIONS.agentsAway}>Away</th>
          </tr>
        </thead>
        <tbody>
          {stats.map((queue) => {
            const level = queueServiceLevel(queue, now);
            return (
              <tr key={queue.queue} data-testid="queue-row" data-queue={queue.queue}>
                <th scope="row">{names[queue.queue] ?? queue.queue}</th>
                <td data-testid="queue-waiting">{queue.waiting}</td>
                <td data-testid="queue-longest-wait">{queue.longestWaitingSince ? formatDuration(waitedMs(queue.longestWaitingSince, now)) : '—'}</td>
                <td title={serviceLevelDefinition(queue.target)} className={isBelowGoal(level, queue.target) ? 'figure--below-goal' : undefined}>
                  <span className="figure__value" data-testid="queue-service-level">{formatPercent(level)}</span>
                  <span className="figure__goal" data-testid="queue-service-goal">
                    {' '}/ {queue.target.thresholdPercent}% in {queue.target.targetSeconds} s
                  </span>
                </td>
                <td>{queue.abandonedToday}</td>
                <td>{queue.available}</td>
                <td>{queue.busy}</td>
                <td>{queue.away}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {stats.length === 0 ? <p className="console__empty">No conversations or agents in your queues yet.</p> : null}
    </section>
  );
}
