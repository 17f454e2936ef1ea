import { createStore } from 'zustand/vanilla';
import type { AgentStatus } from '../../shared/conversation';
import type { HubEvent } from '../../shared/protocol';
import { emptyBoard, type BoardState, type WallboardSnapshot } from '../../shared/wallboard';
import { applyEvents, rollDay } from '../../shared/wallboard-fold';
import type { WallboardQuality } from '../../shared/wallboard-quality';
import type { BoardSink, LinkStatus } from './connection';

export interface BoardStoreState {
  board: BoardState;
  /** Bumped after each applied batch: the board is folded in place, so this is what re-renders. */
  version: number;
  status: LinkStatus;
  /** Hub time of the last snapshot, for "data from" before the first live event. */
  snapshotAt: string | null;
  /** Today's handoff-quality summary, read once a minute; null until the first answer. */
  quality: WallboardQuality | null;
}

export const startOfLocalDay = (ms: number): number => {
  const day = new Date(ms);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
};

export interface BoardStoreOptions {
  now(): number;
  startOfDay?: (ms: number) => number;
  /**
   * When to tell the screen that the board changed (the page passes requestAnimationFrame).
   * Default: at once. Events are folded as they arrive either way; only the re-render waits.
   */
  scheduleRender?: (render: () => void) => void;
}

/**
 * The wallboard's one store. It keeps the board (aggregates + active conversations) and nothing
 * per event, so days of traffic cost no more memory than the first minute. A burst of stream
 * messages (each its own task) is folded message by message but rendered once per frame: a
 * render per message would redo the whole screen for changes nobody can see in between.
 */
export function createBoardStore(options: BoardStoreOptions = { now: Date.now }) {
  const startOfDay = options.startOfDay ?? startOfLocalDay;
  const scheduleRender = options.scheduleRender ?? ((render: () => void) => render());
  const store = createStore<BoardStoreState>(() => ({
    board: emptyBoard(startOfDay(options.now())),
    version: 0,
    status: { kind: 'connecting' },
    snapshotAt: null,
    quality: null,
  }));
  const bump = () => store.setState((state) => ({ version: state.version + 1 }));
  /** Presence that arrived since the last render: it joins the board with the next frame, like the events. */
  let pendingAgents: AgentStatus[] | null = null;
  let isRenderDue = false;
  const bumpSoon = () => {
    if (isRenderDue) return;
    isRenderDue = true;
    scheduleRender(() => {
      isRenderDue = false;
      const agents = pendingAgents;
      pendingAgents = null;
      store.setState((state) => ({ version: state.version + 1, ...(agents ? { board: { ...state.board, agents } } : {}) }));
    });
  };

  const sink: BoardSink = {
    snapshot(snapshot: WallboardSnapshot) {
      // Agents are live presence, not in the snapshot's fold: keep the latest list across it.
      const agents = pendingAgents ?? store.getState().board.agents;
      pendingAgents = null;
      const board = snapshot.board.agents.length === 0 ? { ...snapshot.board, agents } : snapshot.board;
      store.setState((state) => ({ board, snapshotAt: snapshot.at, version: state.version + 1 }));
    },
    events(events: HubEvent[]) {
      applyEvents(store.getState().board, events, startOfDay);
      bumpSoon();
    },
    agents(agents: AgentStatus[]) {
      pendingAgents = agents;
      bumpSoon();
    },
    status(status: LinkStatus) {
      store.setState({ status });
    },
    lastSeq: () => store.getState().board.seq,
  };

  return {
    store,
    sink,
    showQuality(quality: WallboardQuality): void {
      store.setState({ quality });
    },
    /** Called by the clock tick: starts today's counters at midnight even when nothing happens. */
    tick(now: number): void {
      const { board } = store.getState();
      const before = board.dayStart;
      rollDay(board, now, startOfDay);
      if (board.dayStart !== before) bump();
    },
  };
}

export type BoardStore = ReturnType<typeof createBoardStore>;
