import { expect, test, type Page } from '@playwright/test';
import { createFirstAdmin } from '../../src/hub/admin/first-admin';
import { startHub, type RunningHub } from '../../src/hub/server';
import { startTestProvider, type TestProvider } from '../hub/auth/oidc-test-provider';
import { handoffEnvelope, recordingNotifier, startTestWorkstation, tempDir } from './support/stack';

const SCREENSHOTS = 'test-results/screenshots';
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
];

let hub: RunningHub;
let idp: TestProvider;
const workstations: Awaited<ReturnType<typeof startTestWorkstation>>[] = [];

test.beforeEach(async () => {
  idp = await startTestProvider({ ben: { email: 'ben@example.com', name: 'Ben Agent' } });
  hub = await startHub({ port: 0, host: '127.0.0.1', dataDir: tempDir(), demo: false });
});
test.afterEach(async () => {
  for (const workstation of workstations.splice(0)) await workstation.close();
  await hub.close();
  await idp.close();
});

async function api<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const response = await fetch(`${hub.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${size.width}x${size.height}.png` });
  }
}

test('an admin sets up the identity provider, and an agent signs in through it in the browser and gets a handoff', async ({ page, browser }) => {
  test.setTimeout(120_000);
  // A fresh hub: the first admin from the server, a queue and a bot integration over the admin API.
  const first = await createFirstAdmin(hub.hub.db, { email: 'ada@example.com', name: 'Ada Admin' }, new Date());
  await api('POST', '/v1/password', null, { code: first.code, password: 'ada long password' });
  const { token: adminToken } = await api<{ token: string }>('POST', '/v1/sessions', null, { email: 'ada@example.com', password: 'ada long password' });
  await api('POST', '/v1/admin/queues', adminToken, { id: 'support', name: 'Customer support' });
  await api('POST', '/v1/admin/people', adminToken, { email: 'ben@example.com', name: 'Ben', role: 'agent', queues: ['support'] });
  const bot = await api<{ token: string; integration: { handoffPath: string } }>('POST', '/v1/admin/integrations', adminToken, { id: 'shop', name: 'Shop bot', platform: 'generic', defaultQueue: 'support' });

  // 1. The admin configures the provider in Administration → Sign-in.
  const adminDesk = await startTestWorkstation(hub.url, recordingNotifier().notifier);
  workstations.push(adminDesk);
  await page.goto(adminDesk.url);
  await page.getByTestId('sign-in-email').fill('ada@example.com');
  await page.getByTestId('sign-in-password').fill('ada long password');
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('admin-tab-sign-in').click();
  const form = page.getByTestId('sign-in-settings');
  await form.getByTestId('sign-in-enabled').check();
  await form.getByTestId('sign-in-display-name').fill('Contoso ID');
  await form.getByTestId('sign-in-issuer').fill('http://127.0.0.1:9/nobody-here');
  await form.getByTestId('sign-in-client-id').fill(idp.clientId);
  await form.getByTestId('sign-in-client-secret').fill(idp.clientSecret);
  await form.getByTestId('sign-in-save').click();
  // A provider that does not answer is named, and nothing is saved.
  await expect(page.getByTestId('admin-error')).toContainText('Contoso ID cannot be reached at http://127.0.0.1:9/nobody-here');
  await form.getByTestId('sign-in-issuer').fill(idp.issuer);
  await form.getByTestId('sign-in-save').click();
  await expect(page.getByTestId('sign-in-saved')).toContainText('Sign in with Contoso ID');
  await expect(form.getByText('stored; type to replace')).toBeVisible();
  await shoot(page, 'admin-sign-in-settings');

  // 2. The agent's sign-in screen offers the provider; the provider's page opens in a new tab.
  const agentContext = await browser.newContext();
  const agentPage = await agentContext.newPage();
  const agentDesk = await startTestWorkstation(hub.url, recordingNotifier().notifier);
  workstations.push(agentDesk);
  await agentPage.goto(agentDesk.url);
  const providerButton = agentPage.getByTestId('sign-in-provider');
  await expect(providerButton).toHaveText('Sign in with Contoso ID');
  await shoot(agentPage, 'sign-in-with-provider');

  const [providerTab] = await Promise.all([agentContext.waitForEvent('page'), providerButton.click()]);
  await expect(agentPage.getByTestId('sign-in-provider-wait')).toContainText('Finish signing in with Contoso ID in your browser.');
  await shoot(agentPage, 'sign-in-waiting-for-provider');
  await providerTab.waitForLoadState();
  await providerTab.locator('input[name="login"]').fill('ben');
  await providerTab.locator('input[name="password"]').fill('whatever the provider checks');
  await providerTab.getByRole('button', { name: 'Sign-in' }).click();
  // The provider asks a native app's user to confirm (its redirect is a loopback one any app could hold).
  await providerTab.getByRole('button', { name: 'Continue' }).click();
  await expect(providerTab.locator('body')).toContainText('You are signed in to Warmline as Ben. You can close this tab and go back to Warmline.');
  await providerTab.close();

  // 3. Back in Warmline: the agent's workspace, and a handoff posted with the bot's token reaches them.
  await expect(agentPage.getByTestId('agent-workspace')).toBeVisible();
  const handoff = await fetch(`${hub.url}${bot.integration.handoffPath}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bot.token}` }, body: JSON.stringify(handoffEnvelope()) });
  expect(handoff.status).toBe(201);
  await expect(agentPage.getByTestId('inbox-row').filter({ hasText: 'Maria Okafor' })).toBeVisible();
  await agentContext.close();
});

test('with password sign-in off an agent is pointed to the provider, an admin still has a password, and a provider that is down is named', async ({ page }) => {
  const first = await createFirstAdmin(hub.hub.db, { email: 'ada@example.com', name: 'Ada Admin' }, new Date());
  await api('POST', '/v1/password', null, { code: first.code, password: 'ada long password' });
  const { token: adminToken } = await api<{ token: string }>('POST', '/v1/sessions', null, { email: 'ada@example.com', password: 'ada long password' });
  const ben = await api<{ passwordCode: { code: string } }>('POST', '/v1/admin/people', adminToken, { email: 'ben@example.com', name: 'Ben', role: 'agent' });
  await api('POST', '/v1/password', null, { code: ben.passwordCode.code, password: 'ben long password' });
  await api('PUT', '/v1/admin/sign-in', adminToken, { enabled: true, displayName: 'Contoso ID', issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, defaultRole: 'agent', passwordSignIn: false });

  const desk = await startTestWorkstation(hub.url, recordingNotifier().notifier);
  workstations.push(desk);
  await page.goto(desk.url);
  await expect(page.getByTestId('sign-in-provider')).toHaveText('Sign in with Contoso ID');
  await expect(page.getByTestId('sign-in-email')).toHaveCount(0);
  await shoot(page, 'sign-in-password-off');

  await page.getByTestId('sign-in-show-password').click();
  await page.getByTestId('sign-in-email').fill('ben@example.com');
  await page.getByTestId('sign-in-password').fill('ben long password');
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('sign-in-error')).toHaveText('Password sign-in is switched off on this hub: use "Sign in with Contoso ID".');

  await idp.close();
  await page.getByTestId('sign-in-provider').click();
  await expect(page.getByTestId('sign-in-error')).toContainText(`Contoso ID cannot be reached at ${idp.issuer}`);
  await expect(page.getByTestId('sign-in-provider-wait')).toHaveCount(0);

  await page.getByTestId('sign-in-email').fill('ada@example.com');
  await page.getByTestId('sign-in-password').fill('ada long password');
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('admin-area')).toBeVisible();
});
