import type { KeyboardEvent } from 'react';
import type { ConversationListItem, SearchHit, SnippetPart } from '../../../shared/ipc';
import { useHistory, useInbox, useStores } from '../../app/stores-context';
import { ReasonChip } from '../../components/ReasonChip';
import { AUTHOR_LABELS, STATE_LABELS } from '../../format/labels';
import { formatClock } from '../../format/time';
import { HistoryFilters } from './HistoryFilters';
import { selectFilteredRecent, selectIsSearchingText } from './history-selectors';
import { MAX_QUERY_LENGTH } from './history-store';

export const HISTORY_SEARCH_ID = 'history-search';

/** After `/` opens History, the search box mounts a frame later; focus follows it there. */
export function focusHistorySearch(attemptsLeft = 5): void {
  requestAnimationFrame(() => {
    const input = document.getElementById(HISTORY_SEARCH_ID);
    if (input) input.focus();
    else if (attemptsLeft > 0) focusHistorySearch(attemptsLeft - 1);
  });
}

/** Matches are React text inside <mark>: the snippet is customer text and never becomes markup. */
function Snippet({ parts }: { parts: SnippetPart[] }) {
  return (
    <p className="history-hit__snippet" dir="auto" data-testid="history-snippet">
      {parts.map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </p>
  );
}

function HitRow({ hit, onOpen }: { hit: SearchHit; onOpen(hit: SearchHit): void }) {
  return (
    <li>
      <button
        type="button"
        className="history-hit"
        onClick={() => onOpen(hit)}
        data-testid="history-result"
        data-conversation-id={hit.conversationId}
        data-turn-id={hit.turnId}
        data-matched-on={hit.matchedOn ?? 'text'}
      >
        <RowHeading customerName={hit.customerName} at={hit.at} issueTitle={hit.issueTitle} />
        <span className="history-hit__author">{hit.matchedOn === 'customer-name' ? "Customer's name" : AUTHOR_LABELS[hit.author]}</span>
        <Snippet parts={hit.snippet} />
      </button>
    </li>
  );
}

/** Who, when and what: the first lines of a search hit and of a recent conversation alike. */
function RowHeading({ customerName, at, issueTitle }: { customerName: string; at: string; issueTitle: string }) {
  return (
    <>
      <span className="history-hit__top">
        <bdi className="history-hit__customer">{customerName}</bdi>
        <time className="history-hit__time" dateTime={at}>
          {formatClock(at)}
        </time>
      </span>
      <span className="history-hit__issue" dir="auto">
        {issueTitle || 'No issue given'}
      </span>
    </>
  );
}

function RecentRow({ item, isSelected, onOpen }: { item: ConversationListItem; isSelected: boolean; onOpen(id: string): void }) {
  return (
    <li>
      <button
        type="button"
        className={`history-hit${isSelected ? ' history-hit--selected' : ''}`}
        aria-current={isSelected ? 'true' : undefined}
        onClick={() => onOpen(item.id)}
        data-testid="history-conversation"
        data-conversation-id={item.id}
      >
        <RowHeading customerName={item.customerName} at={item.updatedAt} issueTitle={item.issueTitle} />
        <span className="history-hit__tags">
          <ReasonChip kind={item.reasonKind} />
          <span className="chip chip--muted">{STATE_LABELS[item.state]}</span>
          {item.ownerName ? <span className="chip chip--muted" data-testid="history-owner">with {item.ownerName}</span> : null}
        </span>
        {item.transferNote ? (
          <span className="history-hit__note" dir="auto" data-testid="history-transfer-note">
            Transfer note: {item.transferNote}
          </span>
        ) : null}
      </button>
    </li>
  );
}

/** History in the side column: search every cached turn, or browse every cached conversation. */
export function HistoryPanel() {
  const { history, inbox } = useStores();
  const query = useHistory((state) => state.query);
  const isRanked = useHistory((state) => state.isRanked);
  const hits = useHistory((state) => state.hits);
  const recent = useHistory(selectFilteredRecent);
  const isSearching = useHistory((state) => state.isSearching);
  const error = useHistory((state) => state.error);
  const isTextSearch = useHistory(selectIsSearchingText);
  const selectedId = useInbox((state) => state.selectedId);

  const openHit = (hit: SearchHit): void => {
    // A name match points at no turn in particular: the conversation opens where it ends.
    if (hit.matchedOn !== 'customer-name') history.getState().reveal(hit);
    inbox.getState().open(hit.conversationId);
  };
  const openConversation = (id: string): void => inbox.getState().open(id);

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void history.getState().refresh();
    }
  };

  const status = error
    ? null
    : isTextSearch
      ? isSearching && hits.length === 0
        ? 'Searching…'
        : `${hits.length === 0 ? 'No' : hits.length} ${hits.length === 1 ? 'match' : 'matches'}${isRanked ? ', most relevant first' : ', newest first'}`
      : `${recent.length} ${recent.length === 1 ? 'conversation' : 'conversations'} on this workstation`;

  return (
    <nav className="inbox history" aria-label="History" data-testid="history">
      <div className="inbox__header">
        <h2 className="inbox__title">History</h2>
        <button type="button" className="button button--quiet history__back" onClick={() => history.getState().close()} data-testid="history-close">
          Back to inbox
        </button>
      </div>
      <form className="history__form" role="search" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor={HISTORY_SEARCH_ID} className="visually-hidden">
          Search conversation history
        </label>
        <input
          id={HISTORY_SEARCH_ID}
          className="history__search"
          type="search"
          value={query}
          maxLength={MAX_QUERY_LENGTH}
          placeholder="Search transcripts"
          autoComplete="off"
          spellCheck={false}
          aria-describedby="history-hint"
          onChange={(event) => history.getState().type(event.target.value)}
          onKeyDown={onSearchKey}
          data-testid="history-search"
        />
        <p id="history-hint" className="history__hint">
          Every word must appear. Put words in "quotes" to find them side by side. The last word also finds longer
          words it starts (<kbd>refun</kbd> finds refund). Symbols are searched as text, never as commands.
        </p>
        <div className="history__sort" role="group" aria-label="Order">
          <button type="button" className="history__sort-option" aria-pressed={!isRanked} onClick={() => history.getState().sortByRelevance(false)} data-testid="history-newest">
            Newest first
          </button>
          <button type="button" className="history__sort-option" aria-pressed={isRanked} onClick={() => history.getState().sortByRelevance(true)} data-testid="history-ranked">
            Most relevant
          </button>
        </div>
        <HistoryFilters />
      </form>
      <p className="history__status" role="status" data-testid="history-status">
        {status}
      </p>
      {error ? (
        <p className="inbox__notice inbox__notice--error" role="alert" data-testid="history-error">
          {error}
        </p>
      ) : null}
      <div className="inbox__scroll">
        <ol className="inbox__list history__results" data-testid="history-results">
          {isTextSearch
            ? hits.map((hit) => <HitRow key={`${hit.matchedOn ?? 'text'}:${hit.conversationId}:${hit.turnId}`} hit={hit} onOpen={openHit} />)
            : recent.map((item) => <RecentRow key={item.id} item={item} isSelected={item.id === selectedId} onOpen={openConversation} />)}
        </ol>
      </div>
    </nav>
  );
}
