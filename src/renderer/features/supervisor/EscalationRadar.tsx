import { useCallback, useRef, useSyncExternalStore } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useStores } from '../../app/stores-context';
import type { LiveRoom } from './live-room';
import { RadarRowView } from './RadarRowView';
import type { RadarRow } from './risk';
import { useSupervisor } from './use-supervisor';

/** Up to this many rows the radar is a plain list; past it only the rows in view are in the page. */
const VIRTUALISE_ABOVE = 60;

interface ListProps {
  rows: RadarRow[];
  monitoredId: string | null;
  onMonitor(id: string): void;
}

function PlainRadar({ rows, monitoredId, onMonitor }: ListProps) {
  return (
    <ol className="console__list">
      {rows.map((row) => (
        <RadarRowView key={row.item.id} row={row} isMonitored={row.item.id === monitoredId} onMonitor={onMonitor} />
      ))}
    </ol>
  );
}

/** A floor of thousands of active chats: a bounded, scrolling radar that keeps a few dozen rows in the page. */
function VirtualRadar({ rows, monitoredId, onMonitor }: ListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 64,
    overscan: 10,
    getItemKey: (index) => rows[index]?.item.id ?? index,
  });
  return (
    <div className="radar__scroller" ref={scrollRef} tabIndex={0} role="region" aria-label="Ranked conversations">
      <ol className="console__list radar__list--virtual" data-virtualised="true" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((virtual) => {
          const row = rows[virtual.index];
          return row ? (
            <RadarRowView
              key={virtual.key}
              row={row}
              isMonitored={row.item.id === monitoredId}
              onMonitor={onMonitor}
              measureRef={virtualizer.measureElement}
              index={virtual.index}
              offset={virtual.start}
            />
          ) : null;
        })}
      </ol>
    </div>
  );
}

/** Active conversations, riskiest first, each with the reasons for its rank as chips. */
export function EscalationRadar({ room }: { room: LiveRoom }) {
  const rows = useSyncExternalStore(room.subscribe, () => room.get().radar);
  const monitoredId = useSupervisor((state) => state.monitored?.id ?? null);
  const { supervisor } = useStores();
  const onMonitor = useCallback((id: string) => void supervisor.getState().monitor(id), [supervisor]);
  const List = rows.length > VIRTUALISE_ABOVE ? VirtualRadar : PlainRadar;

  return (
    <section className="console__panel console__panel--radar console__panel--live" aria-labelledby="radar-title" data-testid="escalation-radar">
      <h2 id="radar-title" className="console__title">
        Escalation radar <kbd className="button__kbd" aria-hidden="true" title="Monitor the riskiest">Alt+M</kbd>
      </h2>
      <List rows={rows} monitoredId={monitoredId} onMonitor={onMonitor} />
      {rows.length === 0 ? <p className="console__empty">No active conversations.</p> : null}
    </section>
  );
}
