import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useInbox, useStores } from '../../app/stores-context';
import { rankByRisk } from './risk';
import { useSupervisor } from './use-supervisor';

/** Active conversations, riskiest first, each with the reasons for its rank as chips. */
export function EscalationRadar() {
  const items = useInbox(useShallow((state) => state.ids.map((id) => state.byId[id]!)));
  // Ranked when the list changes; wait-based points move by the minute, so a change event is soon enough.
  const rows = useMemo(() => rankByRisk(items, Date.now()), [items]);
  const monitoredId = useSupervisor((state) => state.monitored?.id ?? null);
  const { supervisor } = useStores();

  return (
    <section className="console__panel console__panel--radar" aria-labelledby="radar-title" data-testid="escalation-radar">
      <h2 id="radar-title" className="console__title">
        Escalation radar <kbd className="button__kbd" aria-hidden="true" title="Monitor the riskiest">Alt+M</kbd>
      </h2>
      <ol className="console__list">
        {rows.map(({ item, risk }) => (
          <li key={item.id} className="radar-row" data-testid="radar-row" data-conversation-id={item.id} aria-current={item.id === monitoredId}>
            <span className="radar-row__score" aria-label="Risk score">{risk.score}</span>
            <span className="radar-row__who">
              <span className="radar-row__name">{item.customerName}</span>
              <span className="radar-row__issue">{item.issueTitle}</span>
              <span className="radar-row__owner">{item.ownerName ?? item.state}</span>
            </span>
            <span className="radar-row__reasons">
              {risk.reasons.map((reason) => (
                <span key={reason.key} className={`chip chip--${reason.key}`} data-testid="risk-reason">
                  {reason.label}
                </span>
              ))}
            </span>
            <button type="button" className="button" data-testid="monitor-button" onClick={() => void supervisor.getState().monitor(item.id)}>
              Monitor<span className="visually-hidden"> {item.customerName}</span>
            </button>
          </li>
        ))}
      </ol>
      {rows.length === 0 ? <p className="console__empty">No active conversations.</p> : null}
    </section>
  );
}
