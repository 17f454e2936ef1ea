import { useLayoutEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TimelineEntry } from './conversation-selectors';
import { TranscriptEntry } from './TranscriptEntry';

/**
 * Below this many turns every turn is in the DOM (find-in-page works, tests see everything);
 * above it only the visible window is, so a 5,000-turn conversation opens and scrolls smoothly.
 */
export const VIRTUALISE_ABOVE = 400;

interface Props {
  conversationId: string;
  entries: TimelineEntry[];
}

/** Index of the first live message, where the handoff line goes; -1 when there is none. */
const boundaryOf = (entries: TimelineEntry[]): number => {
  const index = entries.findIndex((entry) => !entry.isBeforeHandoff);
  return index > 0 ? index : -1;
};

/** Keeps the newest turn in view unless the agent has scrolled up to read. */
function useStickToBottom(conversationId: string, count: number, scrollToEnd: (element: HTMLDivElement) => void) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const isAtBottom = useRef(true);
  const lastConversation = useRef<string | null>(null);
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const isNewConversation = lastConversation.current !== conversationId;
    lastConversation.current = conversationId;
    if (isNewConversation || isAtBottom.current) scrollToEnd(element);
    // scrollToEnd is recreated each render on purpose; only a new turn or conversation should scroll.
  }, [conversationId, count]);
  const onScroll = (): void => {
    const element = scrollRef.current;
    if (element) isAtBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 48;
  };
  return { scrollRef, onScroll };
}

function PlainTranscript({ conversationId, entries }: Props) {
  const { scrollRef, onScroll } = useStickToBottom(conversationId, entries.length, (element) => {
    element.scrollTop = element.scrollHeight;
  });
  const boundary = boundaryOf(entries);
  return (
    <div className="transcript" ref={scrollRef} onScroll={onScroll} tabIndex={0} role="region" aria-label="Transcript">
      <ol className="transcript__list" data-testid="transcript">
        {entries.map((entry, index) => (
          <TranscriptEntry key={entry.key} entry={entry} hasDivider={index === boundary} />
        ))}
      </ol>
    </div>
  );
}

function VirtualTranscript({ conversationId, entries }: Props) {
  const boundary = boundaryOf(entries);
  // The virtualiser measures its scroll element after layout, so the jump to the end waits a frame.
  const { scrollRef, onScroll } = useStickToBottom(conversationId, entries.length, () =>
    requestAnimationFrame(() => virtualizer.scrollToIndex(entries.length - 1, { align: 'end' })),
  );
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 88,
    overscan: 12,
    getItemKey: (index) => entries[index]?.key ?? index,
  });
  return (
    <div className="transcript" ref={scrollRef} onScroll={onScroll} tabIndex={0} role="region" aria-label="Transcript">
      <ol
        className="transcript__list transcript__list--virtual"
        data-testid="transcript"
        data-virtualised="true"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const entry = entries[item.index];
          return entry ? (
            <TranscriptEntry
              key={item.key}
              entry={entry}
              hasDivider={item.index === boundary}
              virtualRow={{ ref: virtualizer.measureElement, index: item.index, offset: item.start }}
            />
          ) : null;
        })}
      </ol>
    </div>
  );
}

export function Transcript(props: Props) {
  return props.entries.length > VIRTUALISE_ABOVE ? <VirtualTranscript {...props} /> : <PlainTranscript {...props} />;
}
