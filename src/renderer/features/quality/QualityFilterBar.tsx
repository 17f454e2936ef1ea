import { useRef } from 'react';
import type { HandoffQualityReport, MetricsTable } from '../../../shared/metrics';
import { useSupervisor } from '../supervisor/use-supervisor';
import type { QualityFilters } from './quality-store';

type Dimension = 'queue' | 'intent' | 'agent' | 'channel';

const PICKERS: { key: Dimension; label: string; any: string; groups: (report: HandoffQualityReport) => { key: string; label: string }[] }[] = [
  { key: 'queue', label: 'Queue', any: 'All queues', groups: (report) => report.byQueue },
  { key: 'intent', label: 'Bot intent', any: 'All intents', groups: (report) => report.byIntent },
  { key: 'agent', label: 'Agent', any: 'All agents', groups: (report) => report.byAgent },
  { key: 'channel', label: 'Channel', any: 'All channels', groups: (report) => report.byChannel },
];

/**
 * Every name each picker has seen: the supervisor's queues and agents, and the groups of every
 * report loaded so far, so choosing one queue does not shrink the other choices to that queue's.
 */
function useChoices(report: HandoffQualityReport | null): Record<Dimension, Map<string, string>> {
  const seen = useRef<Record<Dimension, Map<string, string>>>({ queue: new Map(), intent: new Map(), agent: new Map(), channel: new Map() });
  const queueNames = useSupervisor((state) => state.queueNames);
  const agents = useSupervisor((state) => state.agents);
  if (report) {
    for (const picker of PICKERS) {
      for (const group of picker.groups(report)) if (group.key) seen.current[picker.key].set(group.key, group.label || group.key);
    }
  }
  // The names an admin gave win over a report's labels.
  for (const [id, name] of Object.entries(queueNames)) seen.current.queue.set(id, name);
  for (const agent of agents) seen.current.agent.set(agent.id, agent.name);
  return seen.current;
}

interface Props {
  filters: QualityFilters;
  report: HandoffQualityReport | null;
  onFilter(patch: Partial<QualityFilters>): void;
  onExport(table: MetricsTable): void;
}

/** The period as dates, and queue, intent, agent and channel picked by name. */
export function QualityFilterBar({ filters, report, onFilter, onExport }: Props) {
  const choices = useChoices(report);
  return (
    <form className="quality__filters" onSubmit={(event) => event.preventDefault()} data-testid="quality-filters">
      <label>
        From
        <input type="date" value={filters.from} onChange={(event) => onFilter({ from: event.target.value })} />
      </label>
      <label>
        To
        <input type="date" value={filters.to} onChange={(event) => onFilter({ to: event.target.value })} />
      </label>
      {PICKERS.map((picker) => {
        const options = [...choices[picker.key]].sort((a, b) => a[1].localeCompare(b[1]));
        return (
          <label key={picker.key}>
            {picker.label}
            <select value={filters[picker.key]} onChange={(event) => onFilter({ [picker.key]: event.target.value })} data-testid={`quality-filter-${picker.key}`}>
              <option value="">{picker.any}</option>
              {options.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        );
      })}
      <button type="button" onClick={() => onExport('summary')} disabled={!report}>
        Summary CSV
      </button>
    </form>
  );
}
