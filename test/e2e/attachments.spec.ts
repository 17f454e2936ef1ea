import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { startHub } from '../../src/hub/server';
import { fileHost, htmlWithScript, pdfFile, pngImage, svgWithScript } from '../support/attachment-files';
import { handoffEnvelope, postHandoff, recordingNotifier, openSignedIn, startTestHub, startTestWorkstation, tempDir } from './support/stack';

const photo = pngImage(96, 64, [190, 70, 40]);
const HUB_FILE_LIMIT = 64 * 1024;

/** A hub that fetches from the test's loopback file host, with a small file limit to cross. */
const startFileHub = (dataDir = tempDir()) =>
  startHub({ port: 0, host: '127.0.0.1', dataDir, demo: true, attachments: { trustedHosts: ['127.0.0.1'], maxBytes: HUB_FILE_LIMIT } });

async function withFiles() {
  return fileHost({
    '/photos/parcel.jpg': { body: photo, type: 'image/jpeg' },
    '/docs/label.pdf': { body: pdfFile(), type: 'application/pdf' },
    '/img/logo.svg': { body: svgWithScript(), type: 'image/svg+xml' },
    '/page.html': { body: htmlWithScript(), type: 'text/html' },
    '/scan.tiff': { body: Buffer.alloc(HUB_FILE_LIMIT * 2, 3), type: 'image/tiff' },
  });
}

const noScriptRan = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned ?? null);

test('a customer\'s photo shows inline; the PDF, SVG and HTML only download, run nothing, and stay for offline review and export', async ({ page }) => {
  const host = await withFiles();
  const hub = await startFileHub();
  const cacheDir = tempDir();
  let workstation = await startTestWorkstation(hub.url, recordingNotifier().notifier, cacheDir);
  try {
    await openSignedIn(page, workstation.url);
    await postHandoff(
      hub.url,
      handoffEnvelope({
        customer: { name: 'Ines Duarte' },
        transcript: [
          { id: 't1', at: '2026-11-20T10:12:03Z', author: 'customer', text: 'My parcel arrived crushed, photo attached', attachments: [
            { url: host.url('/photos/parcel.jpg'), name: 'parcel.jpg' },
            { url: host.url('/docs/label.pdf'), name: 'label.pdf' },
            { url: host.url('/img/logo.svg'), name: 'logo.svg' },
            { url: host.url('/page.html'), name: 'page.html' },
            { url: host.url('/scan.tiff'), name: 'scan.tiff' },
          ] },
          { id: 't2', at: '2026-11-20T10:12:04Z', author: 'bot', text: 'I will pass you to a colleague.' },
        ],
      }),
    );
    await page.getByTestId('inbox-row').filter({ hasText: 'Ines Duarte' }).click();
    const files = page.getByTestId('attachment');
    await expect(files).toHaveCount(5);

    const image = page.getByTestId('attachment-image');
    await expect(image).toHaveCount(1);
    await expect(image).toHaveAttribute('alt', 'parcel.jpg');
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(96);
    expect(await image.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    for (const name of ['label.pdf', 'logo.svg', 'page.html']) {
      const item = files.filter({ hasText: name });
      await expect(item).toHaveAttribute('data-kind', 'file');
      await expect(item.locator('img, iframe, object, embed')).toHaveCount(0);
    }
    await expect(files.filter({ hasText: 'scan.tiff' })).toContainText('Not available: too large to keep');
    await image.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screenshots/attachments-card.png' });

    const [download] = await Promise.all([page.waitForEvent('download'), files.filter({ hasText: 'logo.svg' }).getByTestId('attachment-download').click()]);
    expect(download.suggestedFilename()).toBe('logo.svg');
    expect(readFileSync(await download.path()).equals(svgWithScript())).toBe(true);
    const [html] = await Promise.all([page.waitForEvent('download'), files.filter({ hasText: 'page.html' }).getByTestId('attachment-download').click()]);
    expect(html.suggestedFilename()).toBe('page.html');
    expect(await noScriptRan(page)).toBeNull();
    expect(page.frames()).toHaveLength(1);

    await page.getByTestId('accept-button').click();
    await expect(page.getByTestId('composer-input')).toBeVisible();
    await page.getByTestId('export-button').click();
    const [exported] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    const exportHtml = readFileSync(await exported.path(), 'utf8');
    expect(exportHtml).toContain(`<img src="data:image/png;base64,${photo.toString('base64')}" alt="parcel.jpg">`);
    expect(exportHtml).toContain('label.pdf');
    expect(exportHtml).not.toMatch(/data:image\/svg|data:text\/html/);

    await workstation.close();
    await hub.close();
    workstation = await startTestWorkstation(hub.url, recordingNotifier().notifier, cacheDir);
    await page.goto(workstation.url);
    await expect(page.getByTestId('connection-status')).toContainText(/offline since/i);
    await page.getByTestId('inbox-row').filter({ hasText: 'Ines Duarte' }).click();
    const offlineImage = page.getByTestId('attachment-image');
    await expect.poll(() => offlineImage.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(96);
    await page.screenshot({ path: 'test-results/screenshots/attachments-offline.png' });
  } finally {
    await workstation.close();
    await hub.close();
    await host.close();
  }
});

test('an agent attaches a file, sees it in the transcript once sent, and is told plainly when a file is too large', async ({ page }) => {
  const hub = await startTestHub();
  const workstation = await startTestWorkstation(hub.url, recordingNotifier().notifier);
  try {
    await openSignedIn(page, workstation.url);
    await postHandoff(hub.url, handoffEnvelope({ customer: { name: 'Tomasz Nowak' } }));
    await page.getByTestId('inbox-row').filter({ hasText: 'Tomasz Nowak' }).click();
    await page.getByTestId('accept-button').click();

    await page.getByTestId('composer-file-input').setInputFiles({ name: 'too-big.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(11 * 1024 * 1024, 1) });
    await expect(page.getByTestId('composer-file-error')).toHaveText('too-big.pdf is too large to send: files can be up to 10 MB.');

    // Past the browser-mode bridge's old 256 KB frame: a form of 1.5 MB goes up in one request.
    const form = Buffer.concat([pdfFile(), Buffer.alloc(1.5 * 1024 * 1024 - pdfFile().length, 0x20)]);
    await page.getByTestId('composer-file-input').setInputFiles([
      { name: 'returns-label.png', mimeType: 'image/png', buffer: photo },
      { name: 'claim-form.pdf', mimeType: 'application/pdf', buffer: form },
    ]);
    await expect(page.getByTestId('composer-file')).toHaveCount(2);
    await expect(page.getByTestId('composer-file').filter({ hasText: 'claim-form.pdf' })).toContainText('1.5 MB');
    await page.getByTestId('composer-input').fill('Here is your returns label.');
    await page.screenshot({ path: 'test-results/screenshots/attachments-composer.png' });
    await page.getByTestId('composer-send').click();

    const sent = page.getByTestId('transcript').getByTestId('turn').filter({ hasText: 'Here is your returns label.' });
    await expect(sent.getByTestId('attachment-image')).toHaveAttribute('alt', 'returns-label.png');
    await expect(sent.getByTestId('attachment').filter({ hasText: 'claim-form.pdf' })).toHaveAttribute('data-kind', 'file');
    await expect(page.getByTestId('composer-file')).toHaveCount(0);
    await expect.poll(async () => {
      const id = (await page.getByTestId('conversation').getAttribute('data-conversation-id'))!;
      const stored = (await hub.hub.context.conversations.messages(id)).find((message) => message.text === 'Here is your returns label.');
      // The two uploads run side by side, so either may be first.
      return stored?.attachments?.map((file) => [file.name, file.contentType, file.size]).sort();
    }).toEqual([
      ['claim-form.pdf', 'application/pdf', form.length],
      ['returns-label.png', 'image/png', photo.length],
    ]);
  } finally {
    await workstation.close();
    await hub.close();
  }
});
