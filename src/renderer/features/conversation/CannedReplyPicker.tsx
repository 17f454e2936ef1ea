import type { HandoffEnvelope } from '../../../shared/envelope';
import { CANNED_REPLIES, fillTemplate } from './canned-replies';

interface Props {
  envelope: HandoffEnvelope;
  /** Puts the filled reply into the draft (appended when the agent already typed something). */
  onInsert(text: string): void;
}

/** A native select: keyboard and screen-reader friendly as it is, and nothing customer-typed becomes markup. */
export function CannedReplyPicker({ envelope, onInsert }: Props) {
  return (
    <label className="canned">
      <span className="visually-hidden">Insert a canned reply</span>
      <select
        className="canned__select"
        value=""
        onChange={(event) => {
          const reply = CANNED_REPLIES.find((candidate) => candidate.id === event.target.value);
          if (reply) onInsert(fillTemplate(reply.template, envelope).text);
        }}
        data-testid="canned-replies"
      >
        <option value="">Canned reply…</option>
        {CANNED_REPLIES.map((reply) => (
          <option key={reply.id} value={reply.id}>
            {reply.label}
          </option>
        ))}
      </select>
    </label>
  );
}
