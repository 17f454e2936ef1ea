import { FIGURE_DEFINITIONS, formatPercent } from '../../shared/floor-figures';
import { SERVICE_LEVEL_DEFINITION } from '../../shared/service-level';
import type { BoardState } from '../../shared/wallboard';
import type { WallboardQuality } from '../../shared/wallboard-quality';
import { REASON_LABELS } from '../format/labels';
import { formatDuration } from '../format/time';
import { handoffKpis, pointsGap } from './selectors';

export function KpiPage({ board, quality, now }: { board: BoardState; quality: WallboardQuality | null; now: number }) {
  const kpis = handoffKpis(board, now);
  return (
    <section className="wallboard-page wallboard-page--kpis" aria-label="Handoffs today">
      <h1 className="wallboard-title">Handoffs today</h1>
      <div className="wallboard-tiles">
        <Tile label="Handoffs" value={String(kpis.handoffsToday)} testId="kpi-handoffs" definition={FIGURE_DEFINITIONS.handoffsToday} />
        <Tile label="Median time to accept" value={kpis.medianAcceptMs === null ? '—' : formatDuration(kpis.medianAcceptMs)} testId="kpi-accept" definition={FIGURE_DEFINITIONS.medianAccept} />
        <Tile label="Abandoned" value={String(kpis.abandonedToday)} testId="kpi-abandoned" definition={FIGURE_DEFINITIONS.abandonedToday} />
        <Tile label="Service level" value={formatPercent(kpis.serviceLevel)} testId="kpi-service-level" definition={SERVICE_LEVEL_DEFINITION} />
        <Tile label="Failed handovers" value={quality === null ? '—' : String(quality.failedHandovers)} testId="kpi-failed-handovers" definition={FIGURE_DEFINITIONS.failedHandovers} />
        <Tile label="CSAT gap after handoff" value={pointsGap(quality?.csatGap ?? null)} testId="kpi-csat-gap" definition={FIGURE_DEFINITIONS.csatGap} />
      </div>
      <h2 className="wallboard-subtitle" title={FIGURE_DEFINITIONS.reasonMix}>Why the bot handed over</h2>
      <ul className="wallboard-reasons">
        {kpis.reasonMix.map((mix) => (
          <li key={mix.kind} data-testid={`kpi-reason-${mix.kind}`}>
            <span className="wallboard-reason-label">{REASON_LABELS[mix.kind]}</span>
            <span className="wallboard-bar-track" aria-hidden="true">
              <span className="wallboard-bar" style={{ width: `${Math.round(mix.share * 100)}%` }} />
            </span>
            <span className="wallboard-reason-count">{mix.count}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Tile({ label, value, testId, definition }: { label: string; value: string; testId: string; definition: string }) {
  return (
    <div className="wallboard-tile" title={definition}>
      <div className="wallboard-tile-value" data-testid={testId}>
        {value}
      </div>
      <div className="wallboard-tile-label">{label}</div>
    </div>
  );
}
