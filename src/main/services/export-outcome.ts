import type { Flag } from '../../shared/conversation';
import type { CachedConversation } from '../../shared/ipc';
import { DISPOSITION_LABELS, STATE_LABELS } from '../../shared/labels';

/** How an export treats whispers and other staff-only notes: marked as such, or left out. */
export type StaffNotes = 'mark' | 'omit';

export interface ExportOptions {
  staffNotes: StaffNotes;
}

export const DEFAULT_EXPORT_OPTIONS: ExportOptions = { staffNotes: 'mark' };

type Escape = (text: string) => string;
type Format = (iso: string) => string;

/** How the conversation ended, as a reviewer reads it: state, outcome, the resolve note and the customer's rating. */
export function outcomeRows(conversation: CachedConversation): [string, string | undefined][] {
  const { disposition, rating, resolveNote } = conversation;
  return [
    ['State', STATE_LABELS[conversation.state] ?? conversation.state],
    ['Outcome', disposition ? DISPOSITION_LABELS[disposition] : undefined],
    ['Resolve note', resolveNote ?? undefined],
    ['Customer rating', rating == null ? 'Not rated' : `${rating} of 5`],
  ];
}

/** Flags raised to a supervisor, each with its answer or "Open". Staff matter: left out with the whispers. */
export function flagsHtml(flags: Flag[] | undefined, escape: Escape, format: Format): string {
  if (!flags || flags.length === 0) return '';
  const items = flags.map((flag) => {
    const answer = flag.answer
      ? `Answered by <bdi>${escape(flag.answer.by.name)}</bdi> (${escape(flag.answer.action)}) at ${escape(format(flag.answer.at))}`
      : 'Open: not answered';
    return `<li class="flag"><span class="who">Flag from <bdi>${escape(flag.raisedBy.name)}</bdi></span><span class="when">${escape(
      format(flag.at),
    )}</span><p class="text" dir="auto">${escape(flag.message)}</p><p class="file-note">${answer}</p></li>`;
  });
  return `<section aria-labelledby="flags"><h2 id="flags">Flags <span class="staff-tag">staff only</span></h2><ol>${items.join('')}</ol></section>`;
}
