import type { RepeatAskNotice } from './repeat-ask-guard';
import './repeat-ask-warning.css';

export const REPEAT_ASK_WARNING_ID = 'composer-repeat-ask';

interface Props {
  notices: RepeatAskNotice[];
  isSending: boolean;
  onEdit(): void;
  onSendAnyway(): void;
}

/**
 * A calm note under the draft: what the customer already gave, before the agent asks again.
 * The polite live region stays mounted, so screen readers announce the note when it appears
 * without interrupting the agent mid-sentence as role="alert" would.
 */
export function RepeatAskWarning({ notices, isSending, onEdit, onSendAnyway }: Props) {
  return (
    <div aria-live="polite" className="repeat-ask__region">
      {notices.length > 0 ? (
        <div id={REPEAT_ASK_WARNING_ID} className="repeat-ask" data-testid="repeat-ask-warning">
          <ul className="repeat-ask__list">
            {notices.map((notice) => (
              <li key={notice.fieldKey} className="repeat-ask__item" data-testid="repeat-ask-item">
                {notice.lead}: <strong className="repeat-ask__value" dir="auto">{notice.knownValue}</strong>
                {notice.isVerified ? <span className="repeat-ask__verified"> (verified)</span> : null}
              </li>
            ))}
          </ul>
          <div className="repeat-ask__actions">
            <span className="repeat-ask__hint">
              Press <kbd>Enter</kbd> again to send anyway.
            </span>
            <button type="button" className="button" onClick={onEdit} data-testid="repeat-ask-edit">
              Edit
            </button>
            <button type="button" className="button" onClick={onSendAnyway} disabled={isSending} data-testid="repeat-ask-send-anyway">
              Send anyway
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
