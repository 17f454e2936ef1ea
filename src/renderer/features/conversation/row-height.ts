import { isInlineImageType } from '../../../shared/envelope';
import type { TimelineEntry } from './conversation-selectors';

/**
 * Pixels of a turn besides its text (author line, bubble padding and border, row gap), of a line of
 * text, and of a system line, as Chromium lays out turn.css at the default font size (measured in
 * the transcript bench: one line 73 px, two lines 95 px, wrapping after about 70 characters).
 */
const ROW_CHROME_PX = 51;
const LINE_PX = 22;
const CHARS_PER_LINE = 70;
const SYSTEM_ROW_PX = 34;
/** A file's line (name, size, Download), and an image's fixed box above it (attachments.css). */
const FILE_LINE_PX = 40;
const IMAGE_BOX_PX = 164;

const filesHeight = (entry: TimelineEntry): number =>
  (entry.attachments ?? []).reduce((sum, file) => sum + FILE_LINE_PX + (file.id && isInlineImageType(file.contentType) ? IMAGE_BOX_PX : 0), 0);

/**
 * A row's height before it is measured, from its text length. The closer the guess, the less the
 * rows already placed move when one above them is measured while scrolling up.
 */
export function estimateRowHeight(entry: TimelineEntry | undefined): number {
  if (!entry) return ROW_CHROME_PX + LINE_PX;
  if (entry.author === 'system') return SYSTEM_ROW_PX;
  const lines = entry.text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / CHARS_PER_LINE)), 0);
  return ROW_CHROME_PX + lines * LINE_PX + filesHeight(entry);
}
