import { useLayoutEffect, useMemo, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TimelineEntry } from './conversation-selectors';
import { estimateRowHeight } from './row-height';
import { TranscriptEntry } from './TranscriptEntry';
import { TurnViewCache } from './turn-view';
import { TranscriptConversationContext } from './attachment-context';
import { useStickToBottom } from './use-stick-to-bottom';
import './transcript.css';

/**
 * Below this many turns every turn is in the DOM (find-in-page works, tests see everything);
 * above it only the visible window is, so a 5,000-turn conversation opens and scrolls smoothly.
 */
export const VIRTUALISE_ABOVE = 400;

/** A turn to scroll into view and mark, e.g. the one a search result points at. */
export interface TranscriptReveal {
  turnId: string;
  /** Changes on every request, so asking again scrolls again. */
  nonce: number;
}

interface Props {
  conversationId: string;
  entries: TimelineEntry[];
  reveal?: TranscriptReveal | null;
}

/** Search hits name a turn by id; a bot turn and a live message are keyed apart in the timeline. */
export const indexOfTurn = (entries: TimelineEntry[], turnId: string): number =>
  entries.findIndex((entry) => entry.key === `turn:${turnId}` || entry.key === `msg:${turnId}`);

/** Index of the first live message, where the handoff line goes; -1 when there is none. */
const boundaryOf = (entries: TimelineEntry[]): number => {
  const index = entries.findIndex((entry) => !entry.isBeforeHandoff);
  return index > 0 ? index : -1;
};

/**
 * Where the handoff line goes, the revealed turn and the rows' views: worked out once per timeline
 * (or request), not on each of the renders scrolling makes; finding the boundary walks every bot turn.
 */
function useTimelineModel(conversationId: string, entries: TimelineEntry[], reveal: TranscriptReveal | null | undefined) {
  const boundary = useMemo(() => boundaryOf(entries), [entries]);
  const revealTurnId = reveal?.turnId;
  const revealIndex = useMemo(() => (revealTurnId === undefined ? -1 : indexOfTurn(entries, revealTurnId)), [entries, revealTurnId]);
  const views = useMemo(() => new TurnViewCache(), [conversationId]);
  views.startRender();
  return { boundary, revealIndex, views };
}

/**
 * Scrolls the revealed turn to the middle once it is in the timeline. Declared after the
 * stick-to-bottom effect, so on opening a conversation it runs second and wins; afterwards the
 * view no longer counts as "at the bottom", so new turns do not pull it away.
 */
function useReveal(
  conversationId: string,
  index: number,
  nonce: number | undefined,
  isAtBottom: RefObject<boolean>,
  scrollToIndex: (index: number) => void,
): void {
  const isFound = index >= 0;
  useLayoutEffect(() => {
    if (!isFound || nonce === undefined) return;
    isAtBottom.current = false;
    scrollToIndex(index);
    // Only a new request (or the turn arriving) scrolls; later turns must not move the view.
  }, [conversationId, nonce, isFound]);
}

function PlainTranscript({ conversationId, entries, reveal }: Props) {
  const { scrollRef, onScroll, isAtBottom, unseen, showNewest } = useStickToBottom(conversationId, entries, (element) => {
    element.scrollTop = element.scrollHeight;
  });
  const { boundary, revealIndex, views } = useTimelineModel(conversationId, entries, reveal);
  useReveal(conversationId, revealIndex, reveal?.nonce, isAtBottom, (index) =>
    scrollRef.current?.querySelectorAll('[data-testid="turn"]')[index]?.scrollIntoView({ block: 'center' }),
  );
  return (
    <div className="transcript-frame">
      <div className="transcript" ref={scrollRef} onScroll={onScroll} tabIndex={0} role="region" aria-label="Transcript">
        <ol className="transcript__list" data-testid="transcript">
          {entries.map((entry, index) => (
            <TranscriptEntry key={entry.key} view={views.viewOf(entry)} hasDivider={index === boundary} isRevealed={index === revealIndex} />
          ))}
        </ol>
      </div>
      <NewMessagesButton count={unseen} onShow={showNewest} />
    </div>
  );
}

function VirtualTranscript({ conversationId, entries, reveal }: Props) {
  const { boundary, revealIndex, views } = useTimelineModel(conversationId, entries, reveal);
  // The virtualiser measures its scroll element after layout, so the jump to the end waits a frame.
  const { scrollRef, onScroll, isAtBottom, unseen, showNewest } = useStickToBottom(conversationId, entries, () =>
    requestAnimationFrame(() => virtualizer.scrollToIndex(entries.length - 1, { align: 'end' })),
  );
  // The virtualiser asks for the estimate of every row below a newly measured one, several times a
  // frame while scrolling up through thousands of turns: work them out once per timeline.
  const estimates = useMemo(() => entries.map(estimateRowHeight), [entries]);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => estimates[index] ?? estimateRowHeight(undefined),
    // Six rows (~440 px) each side cover one 400 px wheel step before the render that follows the
    // scroll event; more rows make each frame's paint and commit dearer (docs/decisions/005-transcript-rendering.md).
    overscan: 6,
    getItemKey: (index) => entries[index]?.key ?? index,
    // Rows' offsets and the list's height are written to the DOM by the virtualiser: a row measured
    // while scrolling up moves every row below it, and re-rendering them all for that was most of
    // the script of a scroll frame. React renders only when the range of rows changes.
    directDomUpdates: true,
    // `top`, not the default translate3d: a compositor layer per row made each frame's paint and
    // commit dearer than moving rows by layout (the transcript bench's Chrome trace).
    directDomUpdatesMode: 'position',
    // Render after the scroll event rather than inside it: several wheel events in one frame become
    // one render, and the scroll handler does not block on React. Overscan covers the rows the
    // compositor shows before that render.
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  // Queued after the stick-to-bottom frame, so it lands last.
  useReveal(conversationId, revealIndex, reveal?.nonce, isAtBottom, (index) =>
    requestAnimationFrame(() => virtualizer.scrollToIndex(index, { align: 'center' })),
  );
  return (
    <div className="transcript-frame">
      <div className="transcript" ref={scrollRef} onScroll={onScroll} tabIndex={0} role="region" aria-label="Transcript">
        <ol
          className="transcript__list transcript__list--virtual"
          data-testid="transcript"
          data-virtualised="true"
          ref={virtualizer.containerRef}
        >
          {items.map((item) => {
            const entry = entries[item.index];
            return entry ? (
              <TranscriptEntry
                key={item.key}
                view={views.viewOf(entry)}
                hasDivider={item.index === boundary}
                isRevealed={item.index === revealIndex}
                measureRef={virtualizer.measureElement}
                virtualIndex={item.index}
              />
            ) : null;
          })}
        </ol>
      </div>
      <NewMessagesButton count={unseen} onShow={showNewest} />
    </div>
  );
}

/** Shown while the agent reads further up and turns arrive below: it counts them and brings the view down. */
function NewMessagesButton({ count, onShow }: { count: number; onShow(): void }) {
  if (count === 0) return null;
  return (
    <button type="button" className="transcript__new button button--primary" onClick={onShow} data-testid="transcript-new-messages">
      {count === 1 ? '1 new message' : `${count} new messages`} <span aria-hidden="true">↓</span>
    </button>
  );
}

export function Transcript(props: Props) {
  return (
    <TranscriptConversationContext.Provider value={props.conversationId}>
      {props.entries.length > VIRTUALISE_ABOVE ? <VirtualTranscript {...props} /> : <PlainTranscript {...props} />}
    </TranscriptConversationContext.Provider>
  );
}
