import { AUTHOR_LABELS } from '../../format/labels';
import { formatClock } from '../../format/time';
import type { TimelineEntry } from './conversation-selectors';
import { linksIn } from './links';

/**
 * What a transcript row shows of its turn, worked out once: a virtualised row is mounted again
 * every time it scrolls back into view, and formatting its clock and scanning its text for links
 * on each mount was a good part of a scroll frame's script.
 */
export interface TurnView {
  entry: TimelineEntry;
  /** Classes for author, evidence, whisper and delivery; the row adds found and virtual. */
  className: string;
  /** "Customer", or "Bot · " ahead of a name, which goes in its own <bdi>. */
  authorText: string;
  name: string | null;
  time: string;
  links: readonly string[];
  hasText: boolean;
}

const NO_LINKS: readonly string[] = [];

function classNameOf(entry: TimelineEntry): string {
  // A staff-only system line (a transfer note) stands apart from status lines the customer also saw.
  if (entry.author === 'system') return entry.isWhisper ? 'turn turn--system turn--staff-note' : 'turn turn--system';
  let className = `turn turn--${entry.author}`;
  if (entry.isEvidence) className += ' turn--evidence';
  if (entry.isWhisper) className += ' turn--whisper';
  if (entry.delivery !== 'sent') className += ` turn--${entry.delivery}`;
  return className;
}

export function turnViewOf(entry: TimelineEntry, now: number = Date.now()): TurnView {
  const name = entry.authorName && entry.author !== 'customer' && entry.author !== 'system' ? entry.authorName : null;
  const links = entry.author === 'system' ? NO_LINKS : linksIn(entry.text);
  return {
    entry,
    className: classNameOf(entry),
    authorText: name ? `${AUTHOR_LABELS[entry.author]} · ` : AUTHOR_LABELS[entry.author],
    name,
    time: formatClock(entry.at, now),
    links: links.length === 0 ? NO_LINKS : links,
    hasText: entry.text.trim() !== '',
  };
}

/** Everything a row reads from its entry: equal fields render the same row. */
const isSameTurn = (a: TimelineEntry, b: TimelineEntry): boolean =>
  a === b ||
  (a.author === b.author &&
    a.authorName === b.authorName &&
    a.at === b.at &&
    a.text === b.text &&
    a.isEvidence === b.isEvidence &&
    a.delivery === b.delivery &&
    a.deliveryError === b.deliveryError &&
    (a.isWhisper ?? false) === (b.isWhisper ?? false) &&
    a.attachments === b.attachments &&
    a.channel?.state === b.channel?.state &&
    a.channel?.error === b.channel?.error);

/**
 * The views of one conversation's turns, made as rows first ask for them and kept by key. Every new
 * message rebuilds the timeline's entries; a turn whose fields did not change keeps its view object,
 * so its memoised row does not render again. A new day drops them all: "14:05" becomes "20 Nov, 14:05".
 */
export class TurnViewCache {
  private readonly byKey = new Map<string, TurnView>();
  private day = '';
  private now = Date.now();

  /** Called once per render of the list with the current time. */
  startRender(now: number = Date.now()): void {
    this.now = now;
    const day = new Date(now).toDateString();
    if (day === this.day) return;
    this.day = day;
    this.byKey.clear();
  }

  viewOf(entry: TimelineEntry): TurnView {
    const cached = this.byKey.get(entry.key);
    if (cached && isSameTurn(cached.entry, entry)) return cached;
    const view = turnViewOf(entry, this.now);
    this.byKey.set(entry.key, view);
    return view;
  }
}
