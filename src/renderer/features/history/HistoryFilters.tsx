import { useHistory, useStores } from '../../app/stores-context';
import { DISPOSITION_LABELS, REASON_LABELS } from '../../format/labels';
import { DISPOSITIONS, type Disposition } from '../../../shared/conversation';
import { REASON_KINDS, SENTIMENT_LABELS, type ReasonKind } from '../../../shared/envelope';
import { selectHasFilters, selectQueues } from './history-selectors';

const isReason = (value: string): value is ReasonKind => (REASON_KINDS as readonly string[]).includes(value);
type SentimentLabel = (typeof SENTIMENT_LABELS)[number];
const isSentiment = (value: string): value is SentimentLabel => (SENTIMENT_LABELS as readonly string[]).includes(value);
const isDisposition = (value: string): value is Disposition => (DISPOSITIONS as readonly string[]).includes(value);

const SENTIMENT_NAMES: Record<SentimentLabel, string> = { negative: 'Negative', neutral: 'Neutral', positive: 'Positive' };

/** Date range, queue, reason, sentiment, outcome and customer; each change searches again after a short pause. */
export function HistoryFilters() {
  const { history } = useStores();
  const filters = useHistory((state) => state.filters);
  const recent = useHistory((state) => state.recent);
  const hasFilters = useHistory(selectHasFilters);
  const queues = selectQueues({ recent });
  const filterBy = history.getState().filterBy;

  return (
    <fieldset className="history__filters" data-testid="history-filters">
      <legend className="visually-hidden">Filters</legend>
      <label className="history__filter">
        <span>From</span>
        <input type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => filterBy({ from: e.target.value })} data-testid="history-from" />
      </label>
      <label className="history__filter">
        <span>To</span>
        <input type="date" value={filters.to} min={filters.from || undefined} onChange={(e) => filterBy({ to: e.target.value })} data-testid="history-to" />
      </label>
      <label className="history__filter">
        <span>Queue</span>
        <select value={filters.queue} onChange={(e) => filterBy({ queue: e.target.value })} data-testid="history-queue">
          <option value="">Any queue</option>
          {queues.map((queue) => (
            <option key={queue} value={queue}>
              {queue}
            </option>
          ))}
        </select>
      </label>
      <label className="history__filter">
        <span>Reason</span>
        <select
          value={filters.reason}
          onChange={(e) => filterBy({ reason: isReason(e.target.value) ? e.target.value : '' })}
          data-testid="history-reason"
        >
          <option value="">Any reason</option>
          {REASON_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {REASON_LABELS[kind]}
            </option>
          ))}
        </select>
      </label>
      <label className="history__filter">
        <span>Sentiment</span>
        <select
          value={filters.sentiment}
          onChange={(e) => filterBy({ sentiment: isSentiment(e.target.value) ? e.target.value : '' })}
          data-testid="history-sentiment"
        >
          <option value="">Any sentiment</option>
          {SENTIMENT_LABELS.map((label) => (
            <option key={label} value={label}>
              {SENTIMENT_NAMES[label]}
            </option>
          ))}
        </select>
      </label>
      <label className="history__filter">
        <span>Outcome</span>
        <select
          value={filters.disposition}
          onChange={(e) => filterBy({ disposition: isDisposition(e.target.value) ? e.target.value : '' })}
          data-testid="history-disposition"
        >
          <option value="">Any outcome</option>
          {DISPOSITIONS.map((value) => (
            <option key={value} value={value}>
              {DISPOSITION_LABELS[value]}
            </option>
          ))}
        </select>
      </label>
      <label className="history__filter history__filter--wide">
        <span>Customer</span>
        <input
          type="text"
          value={filters.customer}
          maxLength={200}
          placeholder="Name or customer id"
          onChange={(e) => filterBy({ customer: e.target.value })}
          data-testid="history-customer"
        />
      </label>
      {hasFilters ? (
        <button type="button" className="button button--quiet history__reset" onClick={() => history.getState().resetFilters()}>
          Clear filters
        </button>
      ) : null}
    </fieldset>
  );
}
