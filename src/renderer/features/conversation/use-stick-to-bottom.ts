import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { TimelineEntry } from './conversation-selectors';

/** Within this many pixels of the end counts as "at the bottom": a row's margin, not a scroll. */
const BOTTOM_SLACK_PX = 48;

const isAtEnd = (element: HTMLElement): boolean => element.scrollHeight - element.scrollTop - element.clientHeight < BOTTOM_SLACK_PX;

/**
 * Keeps the newest turn in view while the agent is at the bottom; once they scroll up to read, new
 * turns leave their place alone and are counted instead, for the "N new messages" button. The
 * agent's own message brings the view down, as the reply they just sent is what they look for.
 */
export function useStickToBottom(conversationId: string, entries: readonly TimelineEntry[], scrollToEnd: (element: HTMLDivElement) => void) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const isAtBottom = useRef(true);
  const lastConversation = useRef<string | null>(null);
  const lastCount = useRef(entries.length);
  const [unseen, setUnseen] = useState(0);
  const latestScrollToEnd = useRef(scrollToEnd);
  latestScrollToEnd.current = scrollToEnd;
  const count = entries.length;

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const isNewConversation = lastConversation.current !== conversationId;
    const added = isNewConversation ? 0 : Math.max(0, count - lastCount.current);
    lastConversation.current = conversationId;
    lastCount.current = count;
    const isOwnReply = added > 0 && entries[count - 1]?.author === 'agent' && !entries[count - 1]?.isBeforeHandoff;
    if (isNewConversation || isAtBottom.current || isOwnReply) {
      isAtBottom.current = true;
      setUnseen(0);
      scrollToEnd(element);
    } else if (added > 0) {
      setUnseen((previous) => previous + added);
    }
    // scrollToEnd is recreated each render on purpose; only a new turn or conversation should scroll.
  }, [conversationId, count]);

  // Rows grow after they land (a delivery tick, an attachment) and the pane shrinks when a form or a
  // warning opens below it: neither is a scroll, so the bottom is kept here.
  useEffect(() => {
    const element = scrollRef.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (isAtBottom.current && !isAtEnd(element)) latestScrollToEnd.current(element);
    });
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, [conversationId]);

  const onScroll = (): void => {
    const element = scrollRef.current;
    if (!element) return;
    isAtBottom.current = isAtEnd(element);
    if (isAtBottom.current) setUnseen(0);
  };
  const showNewest = (): void => {
    const element = scrollRef.current;
    if (!element) return;
    isAtBottom.current = true;
    setUnseen(0);
    scrollToEnd(element);
  };
  return { scrollRef, onScroll, isAtBottom, unseen, showNewest };
}
