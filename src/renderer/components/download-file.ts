/**
 * Saves bytes through the browser's own download: a Blob URL on a temporary `<a download>`.
 * Following a link is not a fetch, so the page's CSP needs no `blob:` source for it.
 */
export function downloadBlob(blob: Blob, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
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

/** Base64 back to bytes, for a file the core sent. */
export function fromBase64(data: string): Uint8Array<ArrayBuffer> {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
