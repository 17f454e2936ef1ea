import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { useInbox, useSession, useStores } from '../../app/stores-context';
import { selectUser } from '../session/session-selectors';
import { AgentStatusBar } from './AgentStatusBar';
import { InboxRow } from './InboxRow';
import { selectSections } from './inbox-selectors';
import { useOfferTitle } from './use-offer-title';
import { focusOfferActions } from '../handoff-card/focus-offer';

interface Props {
  /** Supervisors watch the inbox without working it for now. */
  isReadOnly?: boolean;
}

const NAV_KEYS = new Set(['ArrowDown', 'ArrowUp', 'Home', 'End', 'j', 'k']);

export function Inbox({ isReadOnly = false }: Props) {
  const { inbox } = useStores();
  const byId = useInbox((state) => state.byId);
  const ids = useInbox((state) => state.ids);
  const revision = useInbox((state) => state.revision);
  const selectedId = useInbox((state) => state.selectedId);
  const isLoading = useInbox((state) => state.isLoading);
  const loadError = useInbox((state) => state.loadError);
  const userId = useSession(selectUser)?.id ?? null;
  const sections = useMemo(() => selectSections({ byId, ids, revision }, Date.now(), userId), [byId, ids, revision, userId]);
  const listRef = useRef<HTMLDivElement>(null);
  useOfferTitle(sections.find((section) => section.key === 'offers')?.items.length ?? 0, !isReadOnly);

  // Arrow keys (or j/k) walk the rows in display order; Enter or Space opens the focused row.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (!NAV_KEYS.has(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
    const rows = Array.from(listRef.current?.querySelectorAll<HTMLButtonElement>('[data-testid="inbox-row"]') ?? []);
    if (rows.length === 0) return;
    const current = rows.indexOf(document.activeElement as HTMLButtonElement);
    const last = rows.length - 1;
    const next =
      event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : event.key === 'ArrowUp' || event.key === 'k' ? Math.max(0, current - 1)
      : current < 0 ? 0 : Math.min(last, current + 1);
    event.preventDefault();
    rows[next]?.focus();
  };

  const total = sections.reduce((sum, section) => sum + section.items.length, 0);
  // When the inbox first fills and nothing else holds focus, the first row takes it: the agent
  // can start with the arrow keys without reaching for the mouse.
  const hasRows = total > 0;
  useEffect(() => {
    if (!hasRows || document.activeElement !== document.body) return;
    listRef.current?.querySelector<HTMLButtonElement>('[data-testid="inbox-row"]')?.focus();
  }, [hasRows]);

  return (
    <nav className="inbox" aria-label="Inbox" data-testid="inbox">
      <div className="inbox__header">
        <h2 className="inbox__title">Inbox</h2>
        {isReadOnly ? <span className="chip chip--muted">Read-only</span> : null}
      </div>
      {isReadOnly ? null : <AgentStatusBar activeCount={sections.find((section) => section.key === 'active')?.items.length ?? 0} />}
      {loadError ? (
        <p className="inbox__notice inbox__notice--error" role="alert">
          {loadError}
        </p>
      ) : null}
      <div className="inbox__scroll" ref={listRef} onKeyDown={onKeyDown}>
        {total === 0 && !isLoading ? (
          <p className="inbox__empty" data-testid="inbox-empty">
            No conversations yet. New handoffs appear here and raise a notification.
          </p>
        ) : null}
        {sections.map((section) =>
          section.items.length === 0 ? null : (
            <section key={section.key} className="inbox__section" aria-labelledby={`inbox-${section.key}`}>
              <h3 id={`inbox-${section.key}`} className="inbox__section-title" data-testid={`inbox-section-${section.key}`}>
                {section.title}
                <span className="inbox__count">{section.items.length}</span>
              </h3>
              <ul className="inbox__list" role="list">
                {section.items.map((item) => (
                  <InboxRow
                    key={item.id}
                    item={item}
                    isSelected={item.id === selectedId}
                    onOpen={(id) => (id === selectedId ? focusOfferActions() : inbox.getState().open(id))}
                  />
                ))}
              </ul>
            </section>
          ),
        )}
      </div>
    </nav>
  );
}
