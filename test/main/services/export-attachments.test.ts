import { describe, expect, it } from 'vitest';
import { renderConversationExport } from '../../../src/main/services/export-html';
import type { CachedConversation } from '../../../src/shared/ipc';
import { pngImage, svgWithScript } from '../../support/attachment-files';
import { conversationView, message, turn } from '../cache/fixtures/conversations';

const photo = pngImage();

function withFiles(): CachedConversation {
  const view = conversationView({ id: 'c-1' });
  return {
    ...view,
    envelope: {
      ...view.envelope,
      transcript: [
        {
          ...turn('t1', '2026-11-20T10:12:03Z', 'customer', 'It arrived crushed'),
          attachments: [
            { id: 'a_photo', name: 'parcel.jpg', contentType: 'image/png', size: photo.length },
            { id: 'a_svg', name: 'logo<b>.svg', contentType: 'image/png', size: 113 },
            { id: 'a_pdf', name: 'label.pdf', contentType: 'application/pdf', size: 2_400_000 },
            { name: 'scan.tiff', size: 40_000_000, problem: 'too_large' },
          ],
        },
      ],
    },
    messages: [message('c-1', 'm1', '2026-11-20T10:13:00Z', { author: 'agent', text: 'Thanks', attachments: [{ id: 'a_unseen', name: 'form.png', contentType: 'image/png', size: 10 }] })],
    pending: [],
  };
}

describe('conversation export with files', () => {
  it('embeds the raster images it has, lists every other file by name and size, and never embeds other bytes', () => {
    const bytes: Record<string, Buffer> = { a_photo: photo, a_svg: svgWithScript() };
    const { html } = renderConversationExport(withFiles(), new Date('2026-11-21T09:00:00Z'), (id) => (bytes[id] ? { data: bytes[id]! } : null));
    expect(html).toContain(`<img src="data:image/png;base64,${photo.toString('base64')}" alt="parcel.jpg">`);
    expect(html.match(/<img /g)).toHaveLength(1);
    expect(html).toContain('<bdi>logo&lt;b&gt;.svg</bdi> · 113 bytes <span class="file-note">(file not included)</span>');
    expect(html).toContain('<bdi>label.pdf</bdi> · 2.3 MB <span class="file-note">(not opened on this computer, not included)</span>');
    expect(html).toContain('<bdi>scan.tiff</bdi> · 38 MB <span class="file-note">(too large to keep)</span>');
    expect(html).toContain('<bdi>form.png</bdi> · 10 bytes');
    expect(html).toContain("img-src data:;");
    expect(html.toLowerCase()).not.toContain('<script');
  });
});
