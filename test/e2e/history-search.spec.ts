import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { startHub } from '../../src/hub/server';
import { handoffEnvelope, postHandoff, recordingNotifier, openSignedIn, startTestHub, startTestWorkstation, tempDir } from './support/stack';

/** The hub's own copy of a conversation, read as the supervisor: what really arrived there. */
async function hubMessages(hubUrl: string, conversationId: string): Promise<{ author: string; text: string }[]> {
  const session = await fetch(`${hubUrl}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'supervisor@demo', password: 'demo' }),
  });
  const { token } = (await session.json()) as { token: string };
  const response = await fetch(`${hubUrl}/v1/conversations/${conversationId}`, { headers: { authorization: `Bearer ${token}` } });
  return ((await response.json()) as { messages: { author: string; text: string }[] }).messages;
}

test('offline, History finds a word from a cached transcript, opens it at that turn, and an offline reply is delivered once after the hub returns', async ({ page }) => {
  const hubDir = tempDir();
  let hub = await startTestHub(hubDir);
  const port = hub.port;
  const cacheDir = tempDir();
  const notifications = recordingNotifier();
  let workstation = await startTestWorkstation(hub.url, notifications.notifier, cacheDir);
  await openSignedIn(page, workstation.url);

  const first = handoffEnvelope({ customer: { name: 'Kenji Watanabe' } });
  const second = handoffEnvelope({
    customer: { name: 'Amara Nwosu' },
    issue: { title: 'Jar arrived broken' },
    reason: { kind: 'customer_requested' },
    transcript: [
      { id: 't1', at: '2026-11-20T10:12:03Z', author: 'customer', text: 'My order came today' },
      { id: 't2', at: '2026-11-20T10:12:04Z', author: 'bot', text: 'Glad it arrived. How can I help?' },
      { id: 't3', at: '2026-11-20T10:12:20Z', author: 'customer', text: 'The marmalade jar was smashed inside the box' },
      { id: 't4', at: '2026-11-20T10:12:21Z', author: 'bot', text: 'I will get you a person.' },
    ],
  });
  await postHandoff(hub.url, first);
  const secondId = await postHandoff(hub.url, second);
  for (const name of ['Kenji Watanabe', 'Amara Nwosu']) {
    await page.getByTestId('inbox-row').filter({ hasText: name }).click();
    await page.getByTestId('accept-button').click();
    await expect(page.getByTestId('conversation-customer')).toHaveText(name);
  }

  await workstation.close();
  await hub.close();
  workstation = await startTestWorkstation(hub.url, notifications.notifier, cacheDir);
  try {
    await page.goto(workstation.url);
    await expect(page.getByTestId('connection-status')).toContainText(/offline since/i);
    await expect(page.getByTestId('connection-status')).toContainText(/retrying (in \d+ s|now)/);
    await expect(page.getByTestId('retry-now')).toBeVisible();
    await expect(page.getByTestId('inbox-row')).toHaveCount(2);

    // `/` opens History with the search box focused.
    await page.keyboard.press('/');
    const search = page.getByTestId('history-search');
    await expect(search).toBeFocused();
    await expect(page.getByTestId('history-conversation')).toHaveCount(2);

    // The cache's own columns answer the sentiment filter offline: both customers came in unhappy.
    const sentiment = page.getByTestId('history-sentiment');
    await sentiment.selectOption('positive');
    await expect(page.getByTestId('history-conversation')).toHaveCount(0);
    await sentiment.selectOption('negative');
    await expect(page.getByTestId('history-conversation')).toHaveCount(2);
    await sentiment.selectOption('');

    await search.fill('marmalade');
    const result = page.getByTestId('history-result');
    await expect(result).toHaveCount(1);
    await expect(result).toContainText('Amara Nwosu');
    await expect(result).toContainText('Jar arrived broken');
    await expect(result.locator('mark')).toHaveText('marmalade');

    await result.click();
    await expect(page.getByTestId('conversation')).toHaveAttribute('data-conversation-id', secondId);
    const found = page.locator('[data-testid="turn"][data-found="true"]');
    await expect(found).toHaveCount(1);
    await expect(found).toContainText('The marmalade jar was smashed inside the box');
    await expect(found).toBeInViewport();

    // Export asks about staff-only notes, then downloads a standalone HTML file of the card and the transcript.
    await page.getByTestId('export-button').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^warmline-amara-nwosu-[a-z0-9-]+\.html$/);
    const exported = readFileSync(await download.path(), 'utf8');
    expect(exported).toContain('The marmalade jar was smashed inside the box');
    expect(exported).toContain('http-equiv="Content-Security-Policy"');
    expect(exported.toLowerCase()).not.toContain('<script');

    // Whatever is typed is text: an unbalanced quote and FTS operators are not an error.
    await search.fill('"unbalanced (quote*');
    await expect(page.getByTestId('history-status')).toHaveText(/no matches/i);
    await expect(page.getByTestId('history-error')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/screenshots/history-search.png' });

    // A reply written with the hub down waits, visibly, in the outbox.
    const replyText = 'A new jar of marmalade is on its way today.';
    await page.getByTestId('composer-input').fill(replyText);
    await page.getByTestId('composer-input').press('Enter');
    const reply = page.getByTestId('transcript').getByTestId('turn').filter({ hasText: replyText });
    await expect(reply).toHaveAttribute('data-delivery', 'pending');
    await expect(reply.getByTestId('turn-delivery')).toHaveText('Sending…');

    hub = await startHub({ port, host: '127.0.0.1', dataDir: hubDir, demo: true });
    await page.getByTestId('retry-now').click();
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'online', { timeout: 20_000 });
    await expect(reply).toHaveAttribute('data-delivery', 'sent');
    await expect(reply.getByTestId('turn-delivery')).toHaveCount(0);
    await expect(page.getByTestId('transcript').getByTestId('turn').filter({ hasText: replyText })).toHaveCount(1);
    const delivered = (await hubMessages(hub.url, secondId)).filter((message) => message.text === replyText);
    expect(delivered).toHaveLength(1);

    // "Clear local data" asks first, then signs out and leaves nothing in the cache file.
    await page.getByTestId('user-menu-button').click();
    await page.getByTestId('clear-data').click();
    await expect(page.getByTestId('clear-data-cancel')).toBeFocused();
    await page.getByTestId('clear-data-confirm').click();
    await expect(page.getByTestId('sign-in-form')).toBeVisible();
    const cache = new Database(join(cacheDir, 'cache.sqlite'), { readonly: true });
    try {
      expect(cache.prepare('SELECT (SELECT count(*) FROM conversations) + (SELECT count(*) FROM turns) + (SELECT count(*) FROM profile)').pluck().get()).toBe(0);
    } finally {
      cache.close();
    }
  } finally {
    await workstation.close();
    await hub.close();
  }
});

test('a result deep in a virtualised transcript is scrolled into view and marked', async ({ page }) => {
  const hub = await startTestHub();
  const workstation = await startTestWorkstation(hub.url, recordingNotifier().notifier);
  try {
    await openSignedIn(page, workstation.url);
    const start = Date.parse('2026-11-20T09:00:00Z');
    const transcript = Array.from({ length: 450 }, (_, i) => ({
      id: `t${i + 1}`,
      at: new Date(start + i * 1000).toISOString(),
      author: i % 2 === 0 ? 'customer' : 'bot',
      text: i === 20 ? 'The parcel went to the wrong letterbox at number 12' : `turn ${i + 1} of a long chat`,
    }));
    await postHandoff(hub.url, handoffEnvelope({ customer: { name: 'Long Chat' }, transcript, reason: { kind: 'customer_requested' } }));
    await page.getByTestId('inbox-row').filter({ hasText: 'Long Chat' }).click();
    await page.getByTestId('accept-button').click();
    await expect(page.getByTestId('transcript')).toHaveAttribute('data-virtualised', 'true');

    await page.getByTestId('history-button').click();
    await page.getByTestId('history-search').fill('letterbox');
    await page.getByTestId('history-result').click();
    const found = page.locator('[data-testid="turn"][data-found="true"]');
    await expect(found).toContainText('wrong letterbox');
    await expect(found).toBeInViewport();
  } finally {
    await workstation.close();
    await hub.close();
  }
});
