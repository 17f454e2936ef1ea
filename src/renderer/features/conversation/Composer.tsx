import { useRef, type FormEvent, type KeyboardEvent } from 'react';
import { useConversation, useStores } from '../../app/stores-context';
import { selectDraft } from './conversation-selectors';
import { COMPOSER_ID } from './focus';

const MAX_LENGTH = 20_000;

/** Enter sends, Shift+Enter breaks the line; the draft lives in the store, per conversation. */
export function Composer({ conversationId, customerName }: { conversationId: string; customerName: string }) {
  const { conversation } = useStores();
  const draft = useConversation(selectDraft(conversationId));
  const isSending = useConversation((state) => state.isSending);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  const send = async (): Promise<void> => {
    if (await conversation.getState().reply(conversationId)) inputRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    // An IME composing a character uses Enter to confirm it, not to send.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void send();
  };

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    void send();
  };

  const isEmpty = draft.trim().length === 0;
  return (
    <form className="composer" onSubmit={onSubmit} aria-label="Reply" data-testid="composer">
      <label htmlFor={COMPOSER_ID} className="visually-hidden">
        Reply to {customerName}
      </label>
      <textarea
        id={COMPOSER_ID}
        ref={inputRef}
        className="composer__input"
        rows={3}
        dir="auto"
        maxLength={MAX_LENGTH}
        placeholder="Write a reply…"
        value={draft}
        onChange={(event) => conversation.getState().editDraft(conversationId, event.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby="composer-hint"
        data-testid="composer-input"
      />
      <div className="composer__bar">
        <span id="composer-hint" className="composer__hint">
          <kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> for a new line
        </span>
        <button type="submit" className="button button--primary" disabled={isEmpty || isSending} data-testid="composer-send">
          {isSending ? 'Sending…' : 'Send'}
        </button>
      </div>
    </form>
  );
}
