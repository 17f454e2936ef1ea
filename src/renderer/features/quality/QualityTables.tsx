import type { GroupFigures, HandoffQualityReport, MetricsTable } from '../../../shared/metrics';
import { REASON_LABELS } from '../../../shared/labels';
import { formatDuration, formatGap, formatLocalTime, formatRate } from './quality-selectors';

const BREAKDOWNS: { table: MetricsTable; title: string; rows: (report: HandoffQualityReport) => GroupFigures[] }[] = [
  { table: 'by-queue', title: 'By queue', rows: (report) => report.byQueue },
  { table: 'by-intent', title: 'By bot intent', rows: (report) => report.byIntent },
  { table: 'by-agent', title: 'By agent', rows: (report) => report.byAgent },
  { table: 'by-channel', title: 'By channel', rows: (report) => report.byChannel },
];

function ExportButton({ table, onExport }: { table: MetricsTable; onExport: (table: MetricsTable) => void }) {
  return (
    <button type="button" className="quality__export" onClick={() => onExport(table)}>
      CSV
    </button>
  );
}

/** The breakdowns, CSAT by reason and failed handovers, each with its own CSV. */
export function QualityTables({ report, onExport, onOpenJourney }: { report: HandoffQualityReport; onExport: (table: MetricsTable) => void; onOpenJourney: (id: string) => void }) {
  return (
    <div className="quality__tables">
      {BREAKDOWNS.map(({ table, title, rows }) => (
        <div key={table} className="quality__table-wrap">
          <table className="quality__table">
            <caption>
              {title} <ExportButton table={table} onExport={onExport} />
            </caption>
            <thead>
              <tr>
                <th scope="col">{title.replace('By ', '')}</th>
                <th scope="col">Conversations</th>
                <th scope="col">Accept p50</th>
                <th scope="col">Abandoned</th>
                <th scope="col">Transferred</th>
                <th scope="col">Repeat-asks</th>
                <th scope="col">CSAT</th>
              </tr>
            </thead>
            <tbody>
              {rows(report).map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.label || '—'}</th>
                  <td>{row.conversations}</td>
                  <td>{formatDuration(row.timeToAcceptP50Ms)}</td>
                  <td>{row.abandonedBeforeAgent}</td>
                  <td>{row.transferred}</td>
                  <td>{formatRate(row.repeatRate)}</td>
                  <td>{formatRate(row.csat)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <div className="quality__table-wrap">
        <table className="quality__table">
          <caption>
            CSAT after handoff vs direct <ExportButton table="csat-by-reason" onExport={onExport} />
          </caption>
          <thead>
            <tr>
              <th scope="col">Reason</th>
              <th scope="col">Ratings</th>
              <th scope="col">CSAT</th>
              <th scope="col">Gap to direct</th>
            </tr>
          </thead>
          <tbody>
            {report.csat.byReason.map((row) => (
              <tr key={row.reason}>
                <th scope="row">{REASON_LABELS[row.reason]}</th>
                <td>{row.ratings}</td>
                <td>{formatRate(row.csat)}</td>
                <td>{formatGap(row.gap)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Direct to an agent</th>
              <td>{report.csat.direct.ratings}</td>
              <td>{formatRate(report.csat.direct.csat)}</td>
              <td>—</td>
            </tr>
          </tbody>
        </table>
      </div>
      <div className="quality__table-wrap">
        <table className="quality__table">
          <caption>
            Failed handovers <ExportButton table="failed-handovers" onExport={onExport} />
          </caption>
          <thead>
            <tr>
              <th scope="col">Handed off</th>
              <th scope="col">Queue</th>
              <th scope="col">Outcome</th>
              <th scope="col">Reason</th>
              <th scope="col">Waited</th>
            </tr>
          </thead>
          <tbody>
            {report.failedHandovers.items.map((item) => (
              <tr key={item.conversationId}>
                <th scope="row">
                  <button type="button" className="quality__link" onClick={() => onOpenJourney(item.conversationId)}>
                    <time dateTime={item.handedOffAt} data-testid="failed-handover-time">
                      {formatLocalTime(item.handedOffAt)}
                    </time>
                  </button>
                </th>
                <td>{item.queue}</td>
                <td>{item.outcome === 'abandoned' ? 'customer left' : 'still waiting'}</td>
                <td>{item.reason}</td>
                <td>{formatDuration(item.waitedMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
