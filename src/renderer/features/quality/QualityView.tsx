import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { MetricsCsvFile, MetricsTable } from '../../../shared/metrics';
import '../../styles/quality.css';
import { JourneyView } from './JourneyView';
import { QualityCharts } from './QualityCharts';
import { QualityTables } from './QualityTables';
import { summaryTiles } from './quality-selectors';
import type { QualityFilters, QualityStore } from './quality-store';

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

const FILTER_FIELDS: { key: keyof QualityFilters; label: string; type: 'date' | 'text' }[] = [
  { key: 'from', label: 'From', type: 'date' },
  { key: 'to', label: 'To', type: 'date' },
  { key: 'queue', label: 'Queue', type: 'text' },
  { key: 'intent', label: 'Bot intent', type: 'text' },
  { key: 'agent', label: 'Agent id', type: 'text' },
  { key: 'channel', label: 'Channel', type: 'text' },
];

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
      <form className="quality__filters" onSubmit={(event) => event.preventDefault()}>
        {FILTER_FIELDS.map((field) => (
          <label key={field.key}>
            {field.label}
            <input
              type={field.type}
              value={state.filters[field.key]}
              onChange={(event) => state.filterBy({ [field.key]: event.target.value })}
            />
          </label>
        ))}
        <button type="button" onClick={() => exportTable('summary')} disabled={!report}>
          Summary CSV
        </button>
      </form>
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
          <QualityCharts report={report} />
          <QualityTables report={report} onExport={exportTable} onOpenJourney={(id) => void state.openJourney(id)} />
        </>
      ) : null}
      {drill ? (
        <aside className="quality__drill" aria-label="Conversations behind the figure">
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
                    {row.handedOffAt.slice(0, 16).replace('T', ' ')} · {row.queue} · {row.intent || 'no intent'} · {row.state}
                    {row.agents.length > 0 ? ` · ${row.agents.join(', ')}` : ''}
                  </button>
                </li>
              ))}
              {drill.result.isTruncated ? <li>More conversations match; narrow the period or filters.</li> : null}
            </ul>
          ) : null}
        </aside>
      ) : null}
      {journey ? (
        journey.journey ? (
          <JourneyView journey={journey.journey} onClose={state.closeJourney} />
        ) : (
          <p role={journey.error ? 'alert' : undefined}>{journey.error ?? 'Loading the journey…'}</p>
        )
      ) : null}
    </section>
  );
}
