import { useEffect, useState, useSyncExternalStore } from 'react';
import type { BoardStore } from './board-store';
import { KpiPage } from './KpiPage';
import { QueuesPage } from './QueuesPage';
import { StaleBanner } from './StaleBanner';

const PAGES = ['queues', 'kpis'] as const;

/**
 * The wall screen: large type, high contrast, pages rotating every `rotateMs`. Read-only: there is
 * nothing to click, so nothing on the wall can be changed by a passer-by.
 */
export function Wallboard({ board, rotateMs }: { board: BoardStore; rotateMs: number }) {
  const state = useSyncExternalStore(board.store.subscribe, board.store.getState);
  const [now, setNow] = useState(() => Date.now());
  const [page, setPage] = useState(0);

  // A 1 s tick for the waits and the day change only; the figures change with events.
  useEffect(() => {
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      board.tick(at);
    }, 1000);
    return () => clearInterval(timer);
  }, [board]);
  useEffect(() => {
    const timer = setInterval(() => setPage((current) => (current + 1) % PAGES.length), rotateMs);
    return () => clearInterval(timer);
  }, [rotateMs]);

  const current = PAGES[page]!;
  return (
    <main className="wallboard" data-testid="wallboard" data-page={current} data-version={state.version}>
      <StaleBanner status={state.status} snapshotAt={state.snapshotAt} />
      {current === 'queues' ? <QueuesPage board={state.board} now={now} /> : <KpiPage board={state.board} quality={state.quality} now={now} />}
      <footer className="wallboard-footer">
        {PAGES.map((name, index) => (
          <span key={name} className={index === page ? 'wallboard-dot is-current' : 'wallboard-dot'} aria-hidden="true" />
        ))}
        <span className="wallboard-clock">{new Date(now).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}</span>
      </footer>
    </main>
  );
}
