import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { MetricsCsvFile, MetricsTable } from '../../../shared/metrics';
import '../../styles/quality.css';
import { JourneyView } from './JourneyView';
import { QualityCharts } from './QualityCharts';
import { QualityTables } from './QualityTables';
import { QualityFilterBar } from './QualityFilterBar';
import { formatLocalTime, summaryTiles } from './quality-selectors';
import type { QualityStore } from './quality-store';

/** Saves the CSV through the browser's own download (a link is not a fetch: the CSP needs nothing more). */
function downloadCsv(file: MetricsCsvFile): void {
  const url = URL.createObjectURL(new Blob([file.csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** "Handoff quality": the bot-to-human journey measured as one, with drill-down to the conversations. */
export function QualityView({ store }: { store: QualityStore }) {
  const state = useStore(store);
  useEffect(() => {
    void store.getState().load();
  }, [store]);
  const exportTable = (table: MetricsTable) => {
    void store.getState().exportTable(table).then((file) => file && downloadCsv(file));
  };
  const { report, drill, journey } = state;

  return (
    <section className="quality" aria-label="Handoff quality" data-testid="quality-view">
      <QualityFilterBar filters={state.filters} report={report} onFilter={state.filterBy} onExport={exportTable} />
      {state.error ? <p role="alert">{state.error}</p> : null}
      {state.isLoading && !report ? <p>Loading figures…</p> : null}
      {report ? (
        <>
          <ul className="quality__tiles">
            {summaryTiles(report).map((tile) => (
              <li key={tile.label} className="quality__tile">
                {tile.figure ? (
                  <button type="button" onClick={() => void state.drillInto(tile.figure!)} aria-label={`${tile.label}: ${tile.value}, show conversations`}>
                    <strong>{tile.value}</strong>
                    <span>{tile.label}</span>
                  </button>
                ) : (
                  <div>
                    <strong>{tile.value}</strong>
                    <span>{tile.label}</span>
                  </div>
                )}
                {tile.detail ? <small>{tile.detail}</small> : null}
              </li>
            ))}
          </ul>
          {drill ? (
            <aside className="quality__drill" aria-label="Conversations behind the figure" data-testid="quality-drill">
              <header>
                <h3>{drill.figure.replace(/_/g, ' ')}</h3>
                <button type="button" onClick={state.closeDrill}>
                  Close
                </button>
              </header>
              {drill.error ? <p role="alert">{drill.error}</p> : null}
              {drill.result ? (
                <ul>
                  {drill.result.conversations.map((row) => (
                    <li key={row.id}>
                      <button type="button" className="quality__link" onClick={() => void state.openJourney(row.id)}>
                        {formatLocalTime(row.handedOffAt)} · {row.queue} · {row.intent || 'no intent'} · {row.state}
                        {row.agents.length > 0 ? ` · ${row.agents.join(', ')}` : ''}
                      </button>
                    </li>
                  ))}
                  {drill.result.isTruncated ? <li>More conversations match; narrow the period or filters.</li> : null}
                </ul>
              ) : null}
            </aside>
          ) : null}
          <QualityCharts report={report} />
          <QualityTables report={report} onExport={exportTable} onOpenJourney={(id) => void state.openJourney(id)} />
        </>
      ) : null}
      {journey ? (
        // A sheet at the side of the screen: it opens beside whatever row was clicked, wherever the page is scrolled.
        <div className="quality__sheet" role="dialog" aria-label="Conversation journey" data-testid="journey-sheet">
          {journey.journey ? (
            <JourneyView journey={journey.journey} onClose={state.closeJourney} />
          ) : (
            <p role={journey.error ? 'alert' : undefined}>{journey.error ?? 'Loading the journey…'}</p>
          )}
        </div>
      ) : null}
    </section>
  );
}
