import { useSyncExternalStore } from 'react';
import { useNow } from '../../components/use-now';
import { formatDuration, waitedMs } from '../../format/time';
import { SERVICE_LEVEL_DEFINITION } from '../../../shared/service-level';
import { queueServiceLevel } from './console-selectors';
import type { LiveRoom } from './live-room';

const formatShare = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 100)} %`);

/** Per-queue figures, kept by the live room as events change them; only the longest wait ticks. */
export function QueuesPanel({ room }: { room: LiveRoom }) {
  const stats = useSyncExternalStore(room.subscribe, () => room.get().queues);
  const now = useNow();

  return (
    <section className="console__panel console__panel--live" aria-labelledby="queues-title" data-testid="console-queues">
      <h2 id="queues-title" className="console__title">Queues</h2>
      <table className="console__table">
        <thead>
          <tr>
            <th scope="col">Queue</th><th scope="col">Waiting</th><th scope="col">Longest wait</th><th scope="col" title={SERVICE_LEVEL_DEFINITION}>Service level</th>
            <th scope="col">Abandoned today</th><th scope="col">Available</th><th scope="col">Busy</th><th scope="col">Away</th>
          </tr>
        </thead>
        <tbody>
          {stats.map((queue) => (
            <tr key={queue.queue} data-testid="queue-row" data-queue={queue.queue}>
              <th scope="row">{queue.queue}</th>
              <td data-testid="queue-waiting">{queue.waiting}</td>
              <td>{queue.longestWaitingSince ? formatDuration(waitedMs(queue.longestWaitingSince, now)) : '—'}</td>
              <td data-testid="queue-service-level">{formatShare(queueServiceLevel(queue, now))}</td>
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
