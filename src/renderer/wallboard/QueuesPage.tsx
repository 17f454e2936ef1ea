import { SERVICE_LEVEL_DEFINITION } from '../../shared/service-level';
import type { BoardState } from '../../shared/wallboard';
import { formatDuration } from '../format/time';
import { percent, queueRows } from './selectors';

export function QueuesPage({ board, now }: { board: BoardState; now: number }) {
  const rows = queueRows(board, now);
  return (
    <section className="wallboard-page" aria-label="Queues">
      <h1 className="wallboard-title">Queues</h1>
      <table className="wallboard-table">
        <thead>
          <tr>
            <th scope="col">Queue</th>
            <th scope="col">Waiting</th>
            <th scope="col">Longest wait</th>
            <th scope="col" title={SERVICE_LEVEL_DEFINITION}>
              Service level
            </th>
            <th scope="col">Abandoned today</th>
            <th scope="col">Agents free / busy / away</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid={`wallboard-queue-${row.id}`}>
              <th scope="row">{row.name}</th>
              <td data-testid="queue-waiting" className={row.waiting > 0 ? 'is-warm' : undefined}>
                {row.waiting}
              </td>
              <td className={row.longestWaitMs !== null && row.longestWaitMs > 60_000 ? 'is-hot' : undefined}>
                {row.longestWaitMs === null ? '—' : formatDuration(row.longestWaitMs)}
              </td>
              <td data-testid="queue-service-level">{percent(row.serviceLevel)}</td>
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
