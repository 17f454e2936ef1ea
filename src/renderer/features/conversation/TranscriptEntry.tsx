import { memo, type Ref } from 'react';
import { AUTHOR_LABELS } from '../../format/labels';
import { formatClock } from '../../format/time';
import type { TimelineEntry } from './conversation-selectors';
import { TurnLinks } from './TurnLinks';
import './turn.css';

const DELIVERY_TEXT = { pending: 'Sending…', failed: 'Not sent — the hub refused it' } as const;

/**
 * One turn. Customer and bot text is untrusted: it is only ever a React text node, with
 * `dir="auto"` so right-to-left text neither flips the layout nor drags the time stamp along.
 */
interface Props {
  entry: TimelineEntry;
  /** The first live message carries the line that marks the handoff. */
  hasDivider: boolean;
  /** The turn a search result pointed at: marked until another is revealed. */
  isRevealed?: boolean;
  /**
   * Set only by the virtualised list: measuring ref and index of the row, as plain values so the
   * memo holds. The row's offset is not a prop: the virtualiser writes it to the element's style
   * itself, so a row that moves is not re-rendered.
   */
  measureRef?: Ref<HTMLLIElement>;
  virtualIndex?: number;
}

function HandoffDivider({ at }: { at: string }) {
  return (
    <div className="handoff-divider" role="separator" aria-label={`Handed over to a person at ${formatClock(at)}`}>
      <span aria-hidden="true">Handed over to a person · {formatClock(at)}</span>
    </div>
  );
}

export const TranscriptEntry = memo(function TranscriptEntry({ entry, hasDivider, isRevealed = false, measureRef, virtualIndex }: Props) {
  const isVirtual = virtualIndex !== undefined;
  // The virtualiser places the row through the CSSOM (element.style), which the CSP's
  // `style-src 'self'` does not block (it blocks markup styles).
  const rowProps = isVirtual ? { ref: measureRef, 'data-index': virtualIndex } : {};
  const divider = hasDivider ? <HandoffDivider at={entry.at} /> : null;
  const name = entry.authorName && entry.author !== 'customer' ? entry.authorName : null;
  const time = formatClock(entry.at);
  const revealProps = isRevealed ? { 'data-found': 'true', 'aria-current': 'true' as const } : {};
  if (entry.author === 'system') {
    return (
      <li
        className={`turn turn--system${isRevealed ? ' turn--found' : ''}${isVirtual ? ' turn--virtual' : ''}`}
        data-testid="turn"
        data-author="system"
        {...revealProps}
        {...rowProps}
      >
        {divider}
        <span className="turn__system-text" dir="auto">
          {entry.text}
        </span>
        <time className="turn__time" dateTime={entry.at}>
          {time}
        </time>
      </li>
    );
  }
  return (
    <li
      className={`turn turn--${entry.author}${entry.isEvidence ? ' turn--evidence' : ''}${entry.isWhisper ? ' turn--whisper' : ''}${
        entry.delivery === 'sent' ? '' : ` turn--${entry.delivery}`
      }${isRevealed ? ' turn--found' : ''}${isVirtual ? ' turn--virtual' : ''}`}
      data-testid="turn"
      data-author={entry.author}
      data-delivery={entry.delivery}
      data-whisper={entry.isWhisper ? 'true' : undefined}
      {...revealProps}
      {...rowProps}
    >
      {divider}
      {entry.isWhisper ? (
        <p className="turn__whisper" data-testid="turn-whisper">
          Whisper from <bdi>{entry.authorName ?? 'a supervisor'}</bdi> — only you can see this
        </p>
      ) : null}
      <div className="turn__meta">
        <span className="turn__author">
          {AUTHOR_LABELS[entry.author]}
          {name ? (
            <>
              {' · '}
              <bdi>{name}</bdi>
            </>
          ) : null}
        </span>
        <time className="turn__time" dateTime={entry.at}>
          {time}
        </time>
        {entry.isEvidence ? <span className="turn__flag">Why it handed off</span> : null}
      </div>
      {entry.text.trim() ? (
        <p className="turn__text" dir="auto" data-testid="turn-text">
          {entry.text}
        </p>
      ) : (
        <p className="turn__text turn__text--empty" data-testid="turn-text">
          (empty message)
        </p>
      )}
      <TurnLinks text={entry.text} />
      {entry.delivery !== 'sent' ? (
        <p className={`turn__delivery turn__delivery--${entry.delivery}`} data-testid="turn-delivery" title={entry.deliveryError ?? undefined}>
          {DELIVERY_TEXT[entry.delivery]}
        </p>
      ) : null}
    </li>
  );
});
