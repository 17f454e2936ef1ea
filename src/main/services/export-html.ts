import { createHash } from 'node:crypto';
import { isInlineImageType, type Attachment, type Author, type HandoffEnvelope } from '../../shared/envelope';
import { formatFileSize } from '../../shared/file-size';
import type { CachedConversation, ConversationExport } from '../../shared/ipc';
import { ATTACHMENT_PROBLEM_LABELS, AUTHOR_LABELS, REASON_LABELS } from '../../shared/labels';
import { sniffContentType } from '../../shared/sniff';
import { DEFAULT_EXPORT_OPTIONS, flagsHtml, outcomeRows, type ExportOptions } from './export-outcome';

/**
 * A conversation as one self-contained HTML file: the handoff card, then the transcript in order.
 * It is for review and complaints, opened in whatever browser the reviewer has, so it trusts
 * nothing: every piece of text is escaped, and its own CSP allows no script, no network and only
 * the one stylesheet it carries (pinned by hash). Images the user opened are embedded as data: URIs
 * of the raster types only; every other file is listed by name and size. Whispers and flags are
 * staff matter: the exporter chooses to mark them as staff-only or to leave them out.
 */

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; color: #1b1f24; background: #fff; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.1rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #d0d7de; padding-bottom: .25rem; }
.meta { color: #57606a; margin: 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
dt { font-weight: 600; }
dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
ol { list-style: none; padding: 0; margin: 0; }
li { border-left: 3px solid #d0d7de; padding: .25rem .75rem; margin: .5rem 0; }
li.customer { border-color: #0969da; }
li.bot { border-color: #8250df; background: #f6f8fa; }
li.agent, li.supervisor { border-color: #1a7f37; }
li.system { border-color: #bf8700; font-style: italic; }
li.staff { border-color: #9a6700; background: #fff8c5; }
.staff-tag { display: inline-block; margin-left: .5rem; padding: 0 .4rem; border-radius: 4px; background: #9a6700; color: #fff; font-size: .8em; font-weight: 600; font-style: normal; }
.who { font-weight: 600; }
.when { color: #57606a; margin-left: .5rem; font-size: .9em; }
.pending { color: #9a6700; margin-left: .5rem; }
.divider { border: 0; color: #57606a; text-align: center; margin: 1rem 0; }
li.divider { border: 0; }
p.text { margin: .25rem 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
ul.files { list-style: none; padding: 0; margin: .25rem 0 0; }
ul.files li { border: 0; padding: 0; margin: .25rem 0; }
ul.files img { display: block; max-width: 100%; max-height: 24rem; border: 1px solid #d0d7de; }
.file-note { color: #57606a; }
@media print { body { margin: 0; } }
`;

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');
const CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; img-src data:; base-uri 'none'; form-action 'none'`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** A fixed format, not the machine's locale: the file must read the same wherever it is opened. */
export const formatUtc = (iso: string): string => {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC` : iso;
};

const slug = (text: string): string =>
  text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);

/** Letters and digits only: a customer's name cannot steer where the file lands or what it is. */
export function exportFileName(conversation: CachedConversation): string {
  const who = slug(conversation.envelope.customer.name) || 'customer';
  const id = slug(conversation.id) || 'conversation';
  const day = formatUtc(conversation.createdAt).slice(0, 10).replace(/[^0-9-]/g, '') || 'undated';
  return `warmline-${who}-${id}-${day}.html`;
}

type Row = [label: string, value: string | undefined];

const definitionList = (rows: Row[]): string =>
  `<dl>${rows
    .filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '')
    .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd dir="auto">${escapeHtml(value)}</dd>`)
    .join('')}</dl>`;

function cardRows(conversation: CachedConversation): Row[] {
  const envelope: HandoffEnvelope = conversation.envelope;
  const { customer, reason, sentiment, routing } = envelope;
  const verification = customer.verification
    ? `${customer.verification.status}${customer.verification.method ? ` (${customer.verification.method})` : ''}`
    : undefined;
  const reasonText = reason
    ? [REASON_LABELS[reason.kind], reason.detail, reason.attempts !== undefined ? `${reason.attempts} attempts` : undefined]
        .filter(Boolean)
        .join(' — ')
    : REASON_LABELS.unknown;
  const sentimentText = sentiment
    ? [sentiment.label, sentiment.score.toFixed(2), sentiment.trend, sentiment.source === 'derived' ? 'derived by Warmline' : undefined]
        .filter(Boolean)
        .join(', ')
    : undefined;
  return [
    ['Customer', customer.name],
    ['Customer id', customer.id],
    ['Email', customer.email],
    ['Phone', customer.phone],
    ['Language', customer.language],
    ['Verification', verification],
    ['Issue', envelope.issue?.title ?? envelope.issue?.intent],
    ['Why the bot handed off', reasonText],
    ['Summary', envelope.summary ? `${envelope.summary.text}${envelope.summary.source === 'derived' ? ' (derived by Warmline)' : ''}` : undefined],
    ['Sentiment', sentimentText],
    ['Queue', routing?.queue ?? conversation.queue],
    ['Channel', routing?.channel],
    ['Handled by', conversation.owner.name],
    ['Handed off', formatUtc(conversation.createdAt)],
    ['Last activity', formatUtc(conversation.updatedAt)],
    ['Source', envelope.source ? [envelope.source.platform, envelope.source.bot, envelope.source.conversationId].filter(Boolean).join(' · ') : undefined],
  ];
}

interface Line {
  author: Author;
  isStaffOnly?: boolean;
  name?: string;
  at: string;
  text: string;
  isPending: boolean;
  attachments?: Attachment[];
}

/** A kept file's bytes, when this computer has them. */
export type FileOf = (id: string) => { data: Buffer } | null;

function fileHtml(attachment: Attachment, fileOf: FileOf): string {
  const name = escapeHtml(attachment.name ?? 'attachment');
  const size = attachment.size === undefined ? '' : ` · ${escapeHtml(formatFileSize(attachment.size))}`;
  if (attachment.problem) return `<li><bdi>${name}</bdi>${size} <span class="file-note">(${escapeHtml(ATTACHMENT_PROBLEM_LABELS[attachment.problem])})</span></li>`;
  const file = attachment.id ? fileOf(attachment.id) : null;
  // The type is read from the bytes again here: only a raster image ever becomes a data: URI.
  const type = file ? sniffContentType(file.data) : null;
  if (file && type && isInlineImageType(type)) {
    return `<li><img src="data:${type};base64,${file.data.toString('base64')}" alt="${name}"><bdi>${name}</bdi>${size}</li>`;
  }
  const note = file ? 'file not included' : 'not opened on this computer, not included';
  return `<li><bdi>${name}</bdi>${size} <span class="file-note">(${note})</span></li>`;
}

const lineHtml = (line: Line, fileOf: FileOf): string =>
  `<li class="${line.author}${line.isStaffOnly ? ' staff' : ''}"><span class="who">${escapeHtml(AUTHOR_LABELS[line.author])}${
    line.name && line.author !== 'customer' ? ` · <bdi>${escapeHtml(line.name)}</bdi>` : ''
  }</span>${line.isStaffOnly ? '<span class="staff-tag">Staff only: not shown to the customer</span>' : ''}<span class="when">${escapeHtml(formatUtc(line.at))}</span>${
    line.isPending ? '<span class="pending">not yet delivered</span>' : ''
  }<p class="text" dir="auto">${escapeHtml(line.text)}</p>${
    line.attachments?.length ? `<ul class="files">${line.attachments.map((attachment) => fileHtml(attachment, fileOf)).join('')}</ul>` : ''
  }</li>`;

/** The bot's transcript, the handoff line, then live messages and what is still unsent: as the app shows it. */
function transcriptHtml(conversation: CachedConversation, fileOf: FileOf, options: ExportOptions): string {
  const before = conversation.envelope.transcript.map((turn) => lineHtml({ ...turn, isPending: false }, fileOf));
  const delivered = new Set(conversation.messages.map((message) => message.clientMessageId).filter(Boolean));
  const after = [
    ...conversation.messages.map((message) => ({ ...message, name: message.authorName, isPending: false })),
    ...conversation.pending
      .filter((message) => !message.clientMessageId || !delivered.has(message.clientMessageId))
      .map((message) => ({ ...message, name: message.authorName, isPending: true })),
  ]
    .map((line) => ({ ...line, isStaffOnly: line.visibility === 'staff' }))
    .filter((line) => !(line.isStaffOnly && options.staffNotes === 'omit'))
    .map((line) => lineHtml(line, fileOf));
  const divider = after.length > 0 ? '<li class="divider" role="separator">Handed over to a person</li>' : '';
  return `<ol>${before.join('')}${divider}${after.join('')}</ol>`;
}

export function renderConversationExport(
  conversation: CachedConversation,
  exportedAt: Date,
  fileOf: FileOf = () => null,
  options: ExportOptions = DEFAULT_EXPORT_OPTIONS,
): ConversationExport {
  const { envelope } = conversation;
  const fields = (envelope.fields ?? []).map(
    (field): Row => [field.label ?? field.key, `${field.value}${field.verified ? ' (verified)' : ''}`],
  );
  const title = `${envelope.customer.name} — ${envelope.issue?.title ?? 'Conversation'}`;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1 dir="auto">${escapeHtml(title)}</h1>
<p class="meta">Conversation ${escapeHtml(conversation.id)} · exported from Warmline ${escapeHtml(formatUtc(exportedAt.toISOString()))}</p>
<p class="meta">${options.staffNotes === 'omit' ? 'Staff-only notes (whispers, flags) are left out of this copy.' : 'Staff-only notes (whispers, flags) are included and marked: this copy is for staff.'}</p>
</header>
<section aria-labelledby="card"><h2 id="card">Handoff</h2>${definitionList(cardRows(conversation))}</section>
<section aria-labelledby="outcome"><h2 id="outcome">Outcome</h2>${definitionList(outcomeRows(conversation))}</section>
${options.staffNotes === 'omit' ? '' : flagsHtml(conversation.flags, escapeHtml, formatUtc)}
${fields.length > 0 ? `<section aria-labelledby="fields"><h2 id="fields">What the customer already gave</h2>${definitionList(fields)}</section>` : ''}
<section aria-labelledby="transcript"><h2 id="transcript">Transcript</h2>${transcriptHtml(conversation, fileOf, options)}</section>
</body>
</html>
`;
  return { fileName: exportFileName(conversation), html };
}
