import { memo } from 'react';
import type { RadarRow } from './risk';

interface Props {
  row: RadarRow;
  isMonitored: boolean;
  onMonitor(id: string): void;
  /** Set when the radar is virtualised: where the row sits in the list, and its fixed height. */
  offset?: number;
  height?: number;
}

/**
 * One conversation on the escalation radar. Memoised, with plain props only: a ranking keeps the
 * row object of a conversation that did not change, so an event re-renders the rows it moved, not
 * the list.
 */
export const RadarRowView = memo(function RadarRowView({ row: { item, risk }, isMonitored, onMonitor, offset, height }: Props) {
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
      <button type="button" className="button" data-testid="monitor-button" onClick={() => onMonitor(item.id)}>
        Monitor<span className="visually-hidden"> {item.customerName}</span>
      </button>
    </li>
  );
});
