import { SERVICE_LEVEL_DEFINITION } from '../../shared/service-level';
import type { BoardState } from '../../shared/wallboard';
import type { WallboardQuality } from '../../shared/wallboard-quality';
import { REASON_LABELS } from '../format/labels';
import { formatDuration } from '../format/time';
import { handoffKpis, percent, pointsGap } from './selectors';

export function KpiPage({ board, quality, now }: { board: BoardState; quality: WallboardQuality | null; now: number }) {
  const kpis = handoffKpis(board, now);
  return (
    <section className="wallboard-page" aria-label="Handoffs today">
      <h1 className="wallboard-title">Handoffs today</h1>
      <div className="wallboard-tiles">
        <Tile label="Handoffs" value={String(kpis.handoffsToday)} testId="kpi-handoffs" />
        <Tile label="Median time to accept" value={kpis.medianAcceptMs === null ? '—' : formatDuration(kpis.medianAcceptMs)} testId="kpi-accept" />
        <Tile label="Abandoned" value={String(kpis.abandonedToday)} testId="kpi-abandoned" />
        <Tile label="Service level" value={percent(kpis.serviceLevel)} testId="kpi-service-level" definition={SERVICE_LEVEL_DEFINITION} />
        <Tile label="Failed handovers" value={quality === null ? '—' : String(quality.failedHandovers)} testId="kpi-failed-handovers" />
        <Tile label="CSAT gap after handoff" value={pointsGap(quality?.csatGap ?? null)} testId="kpi-csat-gap" />
      </div>
      <h2 className="wallboard-subtitle">Why the bot handed over</h2>
      <ul className="wallboard-reasons">
        {kpis.reasonMix.map((mix) => (
          <li key={mix.kind} data-testid={`kpi-reason-${mix.kind}`}>
            <span className="wallboard-reason-label">{REASON_LABELS[mix.kind]}</span>
            <span className="wallboard-bar" style={{ width: `${Math.round(mix.share * 100)}%` }} aria-hidden="true" />
            <span className="wallboard-reason-count">{mix.count}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Tile({ label, value, testId, definition }: { label: string; value: string; testId: string; definition?: string }) {
  return (
    <div className="wallboard-tile" title={definition}>
      <div className="wallboard-tile-value" data-testid={testId}>
        {value}
      </div>
      <div className="wallboard-tile-label">{label}</div>
    </div>
  );
}
