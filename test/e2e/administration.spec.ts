import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import type { AuditEntry } from '../../src/shared/admin';
import { startHub, type RunningHub } from '../../src/hub/server';
import { handoffEnvelope, recordingNotifier, startTestWorkstation, tempDir } from './support/stack';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');

let hub: RunningHub;
let dataDir: string;
const workstations: Awaited<ReturnType<typeof startTestWorkstation>>[] = [];

test.beforeEach(async () => {
  dataDir = tempDir();
  hub = await startHub({ port: 0, host: '127.0.0.1', dataDir, demo: false });
});
test.afterEach(async () => {
  for (const workstation of workstations.splice(0)) await workstation.close();
  await hub.close();
});

/** Opens a one-time link the hub printed or showed and sets the password there, as the person would. */
async function setPasswordAt(page: Page, link: string, password: string): Promise<void> {
  await page.goto(link);
  await page.getByLabel('New password (at least 10 characters)').fill(password);
  await page.getByLabel('Repeat it').fill(password);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByRole('status')).toHaveText('Your password is set. Sign in to Warmline with your email and it.');
}

async function signIn(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('sign-in-email').fill(email);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
}

async function readShownOnce(page: Page): Promise<string[]> {
  const dialog = page.getByTestId('admin-shown-once');
  await expect(dialog).toBeVisible();
  const values = await dialog.getByTestId('admin-shown-value').allTextContents();
  await dialog.getByTestId('admin-shown-dismiss').click();
  return values;
}

test('a new contact centre sets up its hub from an empty server to its first real handoff, and deactivating the agent signs them out and re-queues the chat', async ({ page, browser }) => {
  test.setTimeout(120_000);
  // 1. The first admin, by the command on the server.
  const created = await run('npx', ['tsx', 'src/hub/cli.ts', 'admin', 'create', '--email', 'ada@example.com', '--name', 'Ada Admin', '--data', dataDir, '--hub-url', hub.url], { cwd: ROOT });
  const link = /Set it at (\S+)/.exec(created.stdout)?.[1];
  expect(link).toContain(`${hub.url}/set-password#code=`);
  await setPasswordAt(page, link!, 'ada long password');

  // 2. The admin signs in and sets up a queue, an agent and a generic bot integration.
  const adminDesk = await startTestWorkstation(hub.url, recordingNotifier().notifier);
  workstations.push(adminDesk);
  await signIn(page, adminDesk.url, 'ada@example.com', 'ada long password');
  await expect(page.getByTestId('admin-area')).toBeVisible();

  await page.getByTestId('admin-tab-queues').click();
  await page.getByTestId('queue-add').click();
  await page.getByTestId('queue-id').fill('support');
  await page.getByTestId('queue-name').fill('Customer support');
  await page.getByTestId('queue-save').click();
  await expect(page.getByTestId('queue-row')).toContainText('Customer support');

  await page.getByTestId('admin-tab-people').click();
  await page.getByTestId('person-add').click();
  await page.getByTestId('person-email').fill('sam@example.com');
  await page.getByTestId('person-name').fill('Sam Agent');
  await page.getByTestId('person-queues').getByLabel('Customer support').check();
  await page.getByTestId('person-save').click();
  const [code, agentLink] = await readShownOnce(page);
  expect(code).toMatch(/^[A-Z0-9]{5}(-[A-Z0-9]{5}){3}$/);
  expect(agentLink).toBe(`${hub.url}/set-password#code=${code}`);
  await expect(page.getByTestId('person-row').filter({ hasText: 'sam@example.com' })).toContainText('Active');

  await page.getByTestId('admin-tab-bots').click();
  await page.getByTestId('integration-add').click();
  await page.getByTestId('integration-id').fill('shop');
  await page.getByTestId('integration-name').fill('Shop bot');
  await page.getByTestId('integration-queue').selectOption('support');
  await page.getByTestId('integration-save').click();
  const [token, handoffPath] = await readShownOnce(page);
  expect(handoffPath).toBe(`${hub.url}/v1/handoffs`);
  await expect(page.getByTestId('integration-row')).toContainText('Shop bot');
  await expect(page.getByTestId('integrations-table')).not.toContainText(token!);

  // 3. The agent sets a password and signs in on their own workstation.
  const agentContext = await browser.newContext();
  const agentPage = await agentContext.newPage();
  await setPasswordAt(agentPage, agentLink!, 'sam long password');
  const agentDesk = await startTestWorkstation(hub.url, recordingNotifier().notifier);
  workstations.push(agentDesk);
  await signIn(agentPage, agentDesk.url, 'sam@example.com', 'sam long password');
  await expect(agentPage.getByTestId('agent-workspace')).toBeVisible();

  // 4. A handoff posted with the new token reaches that agent, who takes it.
  const handoff = await fetch(handoffPath!, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(handoffEnvelope()) });
  expect(handoff.status).toBe(201);
  const { conversationId } = (await handoff.json()) as { conversationId: string };
  const row = agentPage.getByTestId('inbox-row').filter({ hasText: 'Maria Okafor' });
  await row.click();
  await agentPage.getByTestId('handoff-card').getByTestId('accept-button').click();
  await expect(agentPage.getByTestId('transcript')).toBeVisible();
  expect((await hub.hub.context.conversations.get(conversationId))?.state).toBe('assigned');

  // 5. The admin deactivates the agent: their workstation is signed out and the chat goes back to the queue.
  await page.getByTestId('admin-tab-people').click();
  await page.getByTestId('person-row').filter({ hasText: 'sam@example.com' }).getByTestId('person-deactivate').click();
  await expect(page.getByTestId('person-row').filter({ hasText: 'sam@example.com' })).toContainText('Deactivated');
  await expect(agentPage.getByTestId('sign-in-form')).toBeVisible();
  await expect(agentPage.getByTestId('sign-in-notice')).toContainText('an admin signed you out');
  const requeued = (await hub.hub.context.conversations.get(conversationId))!;
  expect(requeued.state).toBe('queued');
  expect(requeued.transfer?.note).toBe('Sam Agent was deactivated by Ada Admin; the chat went back to the queue.');

  // 6. The audit log holds every change, without a secret.
  await page.getByTestId('admin-tab-audit').click();
  await expect(page.getByTestId('audit-row')).toHaveCount(5);
  const adminToken = await (await fetch(`${hub.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ada@example.com', password: 'ada long password' }) })).json() as { token: string };
  const audit = (await (await fetch(`${hub.url}/v1/admin/audit`, { headers: { authorization: `Bearer ${adminToken.token}` } })).json()) as { entries: AuditEntry[] };
  expect(audit.entries.map((entry) => entry.action).reverse()).toEqual(['person.created', 'queue.created', 'person.created', 'integration.created', 'person.deactivated']);
  expect(audit.entries.every((entry) => entry.actor.name === 'Ada Admin' || entry.actor.id === 'server-cli')).toBe(true);
  const everything = JSON.stringify(audit) + (await (await fetch(`${hub.url}/v1/admin/audit?format=csv`, { headers: { authorization: `Bearer ${adminToken.token}` } })).text());
  for (const secret of [token!, code!, 'ada long password', 'sam long password']) expect(everything).not.toContain(secret);
  await agentContext.close();
});
