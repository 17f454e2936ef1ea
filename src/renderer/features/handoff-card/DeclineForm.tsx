import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useConversation, useStores } from '../../app/stores-context';

interface Props {
  conversationId: string;
  onCancel(): void;
  onDeclined(): void;
}

/** Declining sends the customer on to someone else, so it takes a second, deliberate step. */
export function DeclineForm({ conversationId, onCancel, onDeclined }: Props) {
  const { conversation } = useStores();
  const isDeclining = useConversation((state) => state.isDeclining);
  const [reason, setReason] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => inputRef.current?.focus(), []);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (await conversation.getState().decline(conversationId, reason)) onDeclined();
  };

  return (
    <form
      className="decline"
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onCancel();
        }
      }}
      aria-label="Decline this offer"
      data-testid="decline-form"
    >
      <label className="field field--inline">
        <span className="field__label">
          Reason <span className="field__optional">optional</span>
        </span>
        <input
          ref={inputRef}
          value={reason}
          maxLength={500}
          placeholder="e.g. at capacity, wrong language"
          onChange={(event) => setReason(event.target.value)}
          data-testid="decline-reason"
        />
      </label>
      <div className="decline__actions">
        <button type="submit" className="button button--danger" disabled={isDeclining} data-testid="decline-confirm">
          {isDeclining ? 'Declining…' : 'Decline offer'}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel} data-testid="decline-cancel">
          Keep offer
        </button>
      </div>
    </form>
  );
}
