import type { Journey } from '../../../shared/metrics';
import { describeEntry, formatDuration } from './quality-selectors';

/** One conversation as one journey: the bot part, the handoff and wait, then the human part. Text stays text. */
export function JourneyView({ journey, onClose }: { journey: Journey; onClose?: () => void }) {
  return (
    <section className="journey" aria-label={`Journey of ${journey.customerName}`} data-testid="journey">
      <header className="journey__header">
        <h3>
          {journey.customerName} — {journey.issueTitle || journey.intent || 'no issue given'}
        </h3>
        <p className="journey__spans">
          <span>Bot {formatDuration(journey.botMs)}</span>
          <span>Wait {formatDuration(journey.waitMs)}</span>
          <span>Agent {formatDuration(journey.humanMs)}</span>
          {journey.isDirect ? <span>came directly</span> : null}
        </p>
        {onClose ? (
          <button type="button" onClick={onClose}>
            Close
          </button>
        ) : null}
      </header>
      <ol className="journey__timeline">
        {journey.entries.map((entry, index) => (
          <li key={index} className={`journey__entry journey__entry--${entry.part} journey__entry--${entry.kind}`}>
            <time dateTime={entry.at}>{new Date(entry.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })}</time>
            <span>{describeEntry(entry)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
