import { useCallback, useRef, useState, useSyncExternalStore } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useStores } from '../../app/stores-context';
import type { LiveRoom } from './live-room';
import { RadarRowView } from './RadarRowView';
import { RISK_SCORE_DEFINITION, type RadarRow } from './risk';
import { keepOrder } from './stable-order';
import { useSupervisor } from './use-supervisor';

/** Up to this many rows the radar is a plain list; past it only the rows in view are in the page. */
const VIRTUALISE_ABOVE = 60;

interface ListProps {
  rows: RadarRow[];
  monitoredId: string | null;
  onMonitor(id: string): void;
  onOpenFlag(id: string): void;
}

function PlainRadar({ rows, monitoredId, onMonitor, onOpenFlag }: ListProps) {
  return (
    <ol className="console__list">
      {rows.map((row) => (
        <RadarRowView key={row.item.id} row={row} isMonitored={row.item.id === monitoredId} onMonitor={onMonitor} onOpenFlag={onOpenFlag} />
      ))}
    </ol>
  );
}

/**
 * Height of a row in the virtual radar. Fixed rather than measured: with measured rows the
 * virtualiser re-laid-out all 5,000 positions whenever the ranking reordered (most live-room
 * frames), which was the console's largest cost after the store; fixed rows lay out only when the
 * count changes. Fits the three text lines of a row; longer text is cut with an ellipsis.
 */
export const RADAR_ROW_PX = 80;
const rowHeight = (): number => RADAR_ROW_PX;

/** A floor of thousands of active chats: a bounded, scrolling radar that keeps a few dozen rows in the page. */
function VirtualRadar({ rows, monitoredId, onMonitor, onOpenFlag }: ListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // Keyed by index (the default), so a reorder leaves the layout alone; React keys rows by id below.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: rowHeight,
    overscan: 10,
  });
  return (
    <div className="radar__scroller" ref={scrollRef} tabIndex={0} role="region" aria-label="Ranked conversations">
      <ol className="console__list radar__list--virtual" data-virtualised="true" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((virtual) => {
          const row = rows[virtual.index];
          return row ? (
            <RadarRowView
              key={row.item.id}
              row={row}
              isMonitored={row.item.id === monitoredId}
              onMonitor={onMonitor}
              onOpenFlag={onOpenFlag}
              offset={virtual.start}
              height={RADAR_ROW_PX}
            />
          ) : null;
        })}
      </ol>
    </div>
  );
}

/**
 * The ranking, except while the pointer or keyboard focus is on the list: then rows keep the places
 * they had, with their figures still live, so a row does not move from under a click.
 */
function useSteadyRows(room: LiveRoom) {
  const latest = useSyncExternalStore(room.subscribe, () => room.get().radar);
  const [isHeld, setHeld] = useState({ pointer: false, focus: false });
  const shownRef = useRef<string[]>([]);
  const isPaused = isHeld.pointer || isHeld.focus;
  const rows = isPaused ? keepOrder(shownRef.current, latest) : latest;
  shownRef.current = rows.map((row) => row.item.id);
  const holders = {
    onPointerEnter: () => setHeld((held) => ({ ...held, pointer: true })),
    onPointerLeave: () => setHeld((held) => ({ ...held, pointer: false })),
    onFocus: () => setHeld((held) => ({ ...held, focus: true })),
    onBlur: (event: React.FocusEvent) => {
      if (!event.currentTarget.contains(event.relatedTarget)) setHeld((held) => ({ ...held, focus: false }));
    },
  };
  const isOutOfOrder = isPaused && rows.some((row, index) => row !== latest[index]);
  return { rows, holders, isOutOfOrder };
}

/** Active conversations, flagged first then riskiest, each with the reasons for its rank as chips. */
export function EscalationRadar({ room }: { room: LiveRoom }) {
  const { rows, holders, isOutOfOrder } = useSteadyRows(room);
  const monitoredId = useSupervisor((state) => state.monitored?.id ?? null);
  const { supervisor } = useStores();
  const onMonitor = useCallback((id: string) => void supervisor.getState().monitor(id), [supervisor]);
  const onOpenFlag = useCallback(
    (id: string) =>
      void supervisor
        .getState()
        .monitor(id)
        .then(() => requestAnimationFrame(() => document.querySelector<HTMLInputElement>('[data-testid="flag-answer"] input')?.focus())),
    [supervisor],
  );
  const List = rows.length > VIRTUALISE_ABOVE ? VirtualRadar : PlainRadar;

  return (
    <section className="console__panel console__panel--radar console__panel--live" aria-labelledby="radar-title" data-testid="escalation-radar">
      <h2 id="radar-title" className="console__title">
        Escalation radar <kbd className="button__kbd" aria-hidden="true" title="Monitor the riskiest">Alt+M</kbd>
      </h2>
      <p className="radar__legend" data-testid="radar-legend" title={RISK_SCORE_DEFINITION}>
        Score = risk 0–100 from flags, sentiment, repeat-asks, bot failure and priority. Waits are shown, not scored.
        <span className="radar__paused" aria-live="polite" data-testid="radar-paused">
          {isOutOfOrder ? ' Order held while you point here.' : ''}
        </span>
      </p>
      <div {...holders} data-testid="radar-rows">
        <List rows={rows} monitoredId={monitoredId} onMonitor={onMonitor} onOpenFlag={onOpenFlag} />
      </div>
      {rows.length === 0 ? <p className="console__empty">No active conversations.</p> : null}
    </section>
  );
}
