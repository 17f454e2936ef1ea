import { memo, type Ref } from 'react';
import { deliveryLabel } from '../../../shared/labels';
import type { TurnView } from './turn-view';
import { AttachmentList } from './AttachmentList';
import { TurnLinks } from './TurnLinks';
import './turn.css';

const DELIVERY_TEXT = { pending: 'Sending…', failed: 'Not sent — the hub refused it' } as const;

/**
 * One turn. Customer and bot text is untrusted: it is only ever a React text node, with
 * `dir="auto"` so right-to-left text neither flips the layout nor drags the time stamp along.
 * What the row shows is worked out once per turn (TurnView); a row mounted while scrolling only
 * builds its elements, each with a single text child where it can, so React sets their text
 * directly instead of making a node per fragment.
 */
interface Props {
  view: TurnView;
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

function HandoffDivider({ time }: { time: string }) {
  return (
    <div className="handoff-divider" role="separator" aria-label={`Handed over to a person at ${time}`}>
      <span aria-hidden="true">{`Handed over to a person · ${time}`}</span>
    </div>
  );
}

/** Every prop is a value or a view kept by the list, so identity says whether the row changed. */
const isSameRow = (before: Props, after: Props): boolean =>
  before.view === after.view &&
  before.hasDivider === after.hasDivider &&
  before.isRevealed === after.isRevealed &&
  before.virtualIndex === after.virtualIndex &&
  before.measureRef === after.measureRef;

export const TranscriptEntry = memo(function TranscriptEntry({ view, hasDivider, isRevealed = false, measureRef, virtualIndex }: Props) {
  const { entry } = view;
  // The virtualiser places the row through the CSSOM (element.style), which the CSP's
  // `style-src 'self'` does not block (it blocks markup styles).
  const className = `${view.className}${isRevealed ? ' turn--found' : ''}${virtualIndex === undefined ? '' : ' turn--virtual'}`;
  const divider = hasDivider ? <HandoffDivider time={view.time} /> : null;
  const time = (
    <time className="turn__time" dateTime={entry.at}>
      {view.time}
    </time>
  );
  if (entry.author === 'system') {
    return (
      <li
        className={className}
        data-testid="turn"
        data-author="system"
        data-found={isRevealed ? 'true' : undefined}
        aria-current={isRevealed ? 'true' : undefined}
        data-index={virtualIndex}
        ref={measureRef}
      >
        {divider}
        <span className="turn__system-text" dir="auto">
          {entry.text}
        </span>
        {time}
      </li>
    );
  }
  return (
    <li
      className={className}
      data-testid="turn"
      data-author={entry.author}
      data-delivery={entry.delivery}
      data-whisper={entry.isWhisper ? 'true' : undefined}
      data-found={isRevealed ? 'true' : undefined}
      aria-current={isRevealed ? 'true' : undefined}
      data-index={virtualIndex}
      ref={measureRef}
    >
      {divider}
      {entry.isWhisper ? (
        <p className="turn__whisper" data-testid="turn-whisper">
          Whisper from <bdi>{entry.authorName ?? 'a supervisor'}</bdi> — only you can see this
        </p>
      ) : null}
      <div className="turn__meta">
        <span className="turn__author">
          {view.name ? (
            <>
              {view.authorText}
              <bdi>{view.name}</bdi>
            </>
          ) : (
            view.authorText
          )}
        </span>
        {time}
        {entry.isEvidence ? <span className="turn__flag">Why it handed off</span> : null}
      </div>
      {view.hasText ? (
        <p className="turn__text" dir="auto" data-testid="turn-text">
          {entry.text}
        </p>
      ) : entry.attachments ? null : (
        <p className="turn__text turn__text--empty" data-testid="turn-text">
          (empty message)
        </p>
      )}
      {entry.attachments ? <AttachmentList attachments={entry.attachments} /> : null}
      {view.links.length > 0 ? <TurnLinks links={view.links} /> : null}
      {entry.delivery === 'sent' && entry.channel ? (
        <p className={`turn__delivery turn__delivery--${entry.channel.state}`} data-testid="turn-channel-delivery" data-state={entry.channel.state}>
          {deliveryLabel(entry.channel)}
        </p>
      ) : null}
      {entry.delivery !== 'sent' ? (
        <p className={`turn__delivery turn__delivery--${entry.delivery}`} data-testid="turn-delivery" title={entry.deliveryError ?? undefined}>
          {DELIVERY_TEXT[entry.delivery]}
        </p>
      ) : null}
    </li>
  );
}, isSameRow);
