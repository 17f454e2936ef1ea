import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useInbox } from '../../app/stores-context';
import { useNow } from '../../components/use-now';
import { formatDuration, waitedMs } from '../../format/time';
import { queueStats } from './console-selectors';
import { useSupervisor } from './use-supervisor';

/** Per-queue figures, recomputed when an event changes them; only the longest wait ticks. */
export function QueuesPanel() {
  const items = useInbox(useShallow((state) => state.ids.map((id) => state.byId[id]!)));
  const agents = useSupervisor((state) => state.agents);
  const answeredAt = useSupervisor((state) => state.answeredAt);
  // The day boundary only matters once a day: recomputing on the ticking clock would defeat memoising.
  const stats = useMemo(() => queueStats(items, agents, answeredAt, Date.now()), [items, agents, answeredAt]);
  const now = useNow();

  return (
    <section className="console__panel" aria-labelledby="queues-title" data-testid="console-queues">
      <h2 id="queues-title" className="console__title">Queues</h2>
      <table className="console__table">
        <thead>
          <tr>
            <th scope="col">Queue</th><th scope="col">Waiting</th><th scope="col">Longest wait</th><th scope="col">Service level</th>
            <th scope="col">Abandoned today</th><th scope="col">Available</th><th scope="col">Busy</th><th scope="col">Away</th>
          </tr>
        </thead>
        <tbody>
          {stats.map((queue) => (
            <tr key={queue.queue} data-testid="queue-row" data-queue={queue.queue}>
              <th scope="row">{queue.queue}</th>
              <td data-testid="queue-waiting">{queue.waiting}</td>
              <td>{queue.longestWaitingSince ? formatDuration(waitedMs(queue.longestWaitingSince, now)) : '—'}</td>
              <td>{queue.serviceLevel === null ? '—' : `${Math.round(queue.serviceLevel * 100)} %`}</td>
              <td>{queue.abandonedToday}</td>
              <td>{queue.available}</td>
              <td>{queue.busy}</td>
              <td>{queue.away}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {stats.length === 0 ? <p className="console__empty">No conversations or agents in your queues yet.</p> : null}
    </section>
  );
}
