import type { ConversationExport } from '../../../shared/ipc';
import { downloadBlob } from '../../components/download-file';

/** Saves an export as a file. The type is `text/html` only for the file's sake; the page never loads it. */
export function downloadExport(exported: ConversationExport, doc: Document = document): void {
  downloadBlob(new Blob([exported.html], { type: 'text/html;charset=utf-8' }), exported.fileName, doc);
}
