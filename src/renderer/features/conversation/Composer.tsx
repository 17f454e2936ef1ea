import { useRef, type FormEvent, type KeyboardEvent } from 'react';
import type { HandoffEnvelope } from '../../../shared/envelope';
import { useConversation, useFiles, useStores } from '../../app/stores-context';
import { unfilledPlaceholders } from './canned-replies';
import { CannedReplyPicker } from './CannedReplyPicker';
import { ComposerFiles } from './ComposerFiles';
import { selectDraft, selectRepeatAskWarning } from './conversation-selectors';
import { selectOutgoing } from './files-store';
import { COMPOSER_ID } from './focus';
import { REPEAT_ASK_WARNING_ID, RepeatAskWarning } from './RepeatAskWarning';
import './composer.css';

const MAX_LENGTH = 20_000;

/**
 * Enter sends, Shift+Enter breaks the line; the draft lives in the store, per conversation.
 * A draft that asks for something the customer already gave is held once, with a note saying
 * what they gave; the next Enter (or "Send anyway") sends it.
 */
export function Composer({ conversationId, envelope }: { conversationId: string; envelope: HandoffEnvelope }) {
  const customerName = envelope.customer.name;
  const { conversation } = useStores();
  const draft = useConversation(selectDraft(conversationId));
  const notices = useConversation(selectRepeatAskWarning(conversationId));
  const isSending = useConversation((state) => state.isSending);
  const hasFiles = useFiles(selectOutgoing(conversationId)).length > 0;
  const inputRef = useRef<HTMLTextAreaElement>(null);

  const send = async (): Promise<void> => {
    if ((await conversation.getState().send(conversationId)) === 'sent') inputRef.current?.focus();
  };

  const sendAnyway = async (): Promise<void> => {
    if (await conversation.getState().sendAnyway(conversationId)) inputRef.current?.focus();
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

  const insert = (text: string): void => {
    conversation.getState().editDraft(conversationId, draft.trim() ? `${draft.trimEnd()} ${text}` : text);
    inputRef.current?.focus();
  };

  const isEmpty = draft.trim().length === 0 && !hasFiles;
  const unfilled = unfilledPlaceholders(draft);
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
        aria-describedby={notices.length > 0 ? `composer-hint ${REPEAT_ASK_WARNING_ID}` : 'composer-hint'}
        data-testid="composer-input"
      />
      <RepeatAskWarning notices={notices} isSending={isSending} onEdit={() => inputRef.current?.focus()} onSendAnyway={() => void sendAnyway()} />
      {unfilled.length > 0 ? (
        <p className="composer__unfilled" role="status" data-testid="composer-unfilled">
          Not known yet, fill in before sending: {unfilled.map((name) => `{${name}}`).join(', ')}
        </p>
      ) : null}
      <ComposerFiles conversationId={conversationId} />
      <div className="composer__bar">
        <CannedReplyPicker envelope={envelope} onInsert={insert} />
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
