import { memo } from 'react';
import { RISK_SCORE_DEFINITION, type RadarRow } from './risk';

interface Props {
  row: RadarRow;
  isMonitored: boolean;
  onMonitor(id: string): void;
  /** Opens the conversation's open flag to answer it. */
  onOpenFlag(id: string): void;
  /** Set when the radar is virtualised: where the row sits in the list, and its fixed height. */
  offset?: number;
  height?: number;
}

/**
 * One conversation on the escalation radar. Memoised, with plain props only: a ranking keeps the
 * row object of a conversation that did not change, so an event re-renders the rows it moved, not
 * the list.
 */
export const RadarRowView = memo(function RadarRowView({ row: { item, risk }, isMonitored, onMonitor, onOpenFlag, offset, height }: Props) {
  // Positions from the virtualiser are style props; React applies them through the CSSOM
  // (element.style), which the CSP's `style-src 'self'` does not block (it blocks markup styles).
  const isVirtual = offset !== undefined;
  const rowProps = isVirtual ? { style: { transform: `translateY(${offset}px)`, height } } : {};
  return (
    <li
      className={`radar-row${isVirtual ? ' radar-row--virtual' : ''}`}
      data-testid="radar-row"
      data-conversation-id={item.id}
      aria-current={isMonitored}
      {...rowProps}
    >
      <span className={`radar-row__score${risk.score === 0 ? ' radar-row__score--none' : ''}`} title={RISK_SCORE_DEFINITION} data-testid="risk-score">
        <span className="visually-hidden">Risk </span>
        {risk.score}
      </span>
      <span className="radar-row__who">
        <span className="radar-row__name">{item.customerName}</span>
        <span className="radar-row__issue">{item.issueTitle}</span>
        <span className="radar-row__owner">{item.ownerName ?? item.state}</span>
      </span>
      <span className="radar-row__reasons">
        {risk.reasons.map((reason) =>
          reason.key === 'flag' ? (
            <button key={reason.key} type="button" className="chip chip--flag chip--button" data-testid="risk-reason" onClick={() => onOpenFlag(item.id)}>
              {reason.label}
              <span className="visually-hidden"> from {item.ownerName ?? 'the agent'}: open it</span>
            </button>
          ) : (
            <span key={reason.key} className={`chip chip--${reason.key}`} data-testid="risk-reason">
              {reason.label}
            </span>
          ),
        )}
        {risk.waitedMinutes !== null ? (
          <span className="radar-row__wait" data-testid="radar-wait">
            Waiting {risk.waitedMinutes} min
          </span>
        ) : null}
      </span>
      <button type="button" className="button" data-testid="monitor-button" onClick={() => onMonitor(item.id)}>
        Monitor<span className="visually-hidden"> {item.customerName}</span>
      </button>
    </li>
  );
});
