import type { ConversationExport } from '../../../shared/ipc';

/**
 * Saves an export through the browser's own download: a Blob URL on a temporary `<a download>`.
 * Following a link is not a fetch, so the page's CSP needs no `blob:` source for it. The type is
 * `text/html` only for the file's sake; the page never loads it.
 */
export function downloadExport(exported: ConversationExport, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([exported.html], { type: 'text/html;charset=utf-8' }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = exported.fileName;
  link.rel = 'noopener';
  link.hidden = true;
  doc.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // The click has handed the blob to the download manager; revoke on the next turn, not before.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
