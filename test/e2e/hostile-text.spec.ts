import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { handoffEnvelope, postHandoff, recordingNotifier, openSignedIn, startTestHub, startTestWorkstation } from './support/stack';
import { settleEscapes, watchForEscapes } from './support/escapes';

const BADINPUT = resolve(__dirname, '../../../shared/data/badinput');
const lines = (file: string) =>
  readFileSync(resolve(BADINPUT, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0 && !line.startsWith('#'));

test.skip(!existsSync(BADINPUT), `hostile strings live in ${BADINPUT}; absent on this machine`);

test('hostile customer text from shared/data/badinput is shown as plain text: nothing runs, nothing navigates', async ({ page, context }) => {
  const hub = await startTestHub();
  const notifications = recordingNotifier();
  const workstation = await startTestWorkstation(hub.url, notifications.notifier);
  try {
    const hostile = [...lines('payloadsallthethings-xss/xss_alert.txt').slice(0, 40), ...lines('payloadsallthethings-xss/XSS_Polyglots.txt').slice(0, 10)]
      .map((line) => line.slice(0, 2000));
    const escapes = watchForEscapes(page, context);

    await openSignedIn(page, workstation.url);
    const startUrl = page.url();
    await postHandoff(
      hub.url,
      handoffEnvelope({
        customer: { name: '<img src=x onerror=alert(1)>' },
        issue: { title: '<script>alert("issue")</script>' },
        fields: [{ key: 'order_id', label: '<b>Order</b>', value: '"><svg onload=alert(2)>', verified: false }],
        reason: { kind: 'customer_requested', evidenceTurnIds: [] },
        transcript: hostile.map((text, index) => ({ id: `h${index}`, at: new Date(Date.UTC(2026, 10, 20, 10, 0, index)).toISOString(), author: 'customer', text })),
      }),
    );
    const row = page.getByTestId('inbox-row').filter({ hasText: '<img src=x onerror=alert(1)>' });
    await row.click();
    await expect(page.getByTestId('handoff-customer')).toHaveText('<img src=x onerror=alert(1)>');
    await expect(page.getByTestId('handoff-issue')).toHaveText('<script>alert("issue")</script>');
    await page.getByTestId('accept-button').click();
    const texts = page.getByTestId('transcript').getByTestId('turn-text');
    await expect(texts.first()).toHaveText(hostile[0]!);
    expect(await texts.allTextContents()).toEqual(expect.arrayContaining(hostile.slice(0, 10)));
    await settleEscapes(page, escapes);

    expect(escapes).toEqual({ dialogs: [], popups: [], errors: [] });
    expect(page.url()).toBe(startUrl);
    expect(await page.locator('[data-testid="transcript"] img, [data-testid="transcript"] script, [data-testid="transcript"] svg, [data-testid="transcript"] iframe').count()).toBe(0);
    expect(notifications.shown[0]?.title).toBe('<img src=x onerror=alert(1)>');
  } finally {
    await workstation.close();
    await hub.close();
  }
});
