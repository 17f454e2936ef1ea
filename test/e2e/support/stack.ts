import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { startWorkstation } from '../../../src/main/browser/workstation';
import type { Notifier } from '../../../src/main/notify/notifier';
import type { NotificationText } from '../../../src/main/notify/notification-text';
import { DEMO_INTEGRATION_TOKEN, DEMO_PASSWORD } from '../../../src/hub/demo/seed';
import { setPasswordCost } from '../../../src/hub/auth/passwords';
import { startHub, type RunningHub } from '../../../src/hub/server';

// Every station signs in: the hubs this process starts hash at the suites' cheap cost.
setPasswordCost('test');

export const RENDERER_DIR = resolve(__dirname, '../../../out/renderer');
export const tempDir = (prefix = 'warmline-e2e-') => mkdtempSync(join(tmpdir(), prefix));

/** Records notifications instead of showing them, for tests that are not about the OS. */
export function recordingNotifier() {
  const shown: (NotificationText & { id: string })[] = [];
  const notifier: Notifier = { notify: (notification) => void shown.push(notification) };
  return { notifier, shown };
}

export const startTestHub = (dataDir = tempDir()): Promise<RunningHub> => startHub({ port: 0, host: '127.0.0.1', dataDir, demo: true });

type Workstation = Awaited<ReturnType<typeof startWorkstation>>;
/** The running workstations by the `url` they print, so a spec can sign one in knowing only its address. */
const running = new Map<string, Workstation>();

/** Its `url` is the one the CLI prints, with the workstation's key: open that, never the bare origin. */
export async function startTestWorkstation(hubUrl: string, notifier: Notifier, dataDir = tempDir()): Promise<Workstation> {
  const station = await startWorkstation({ dataDir, hubUrl, rendererDir: RENDERER_DIR, notifier });
  running.set(station.url, station);
  return {
    ...station,
    close: async () => {
      running.delete(station.url);
      await station.close();
    },
  };
}

export async function postHandoff(hubUrl: string, body: unknown): Promise<string> {
  const response = await fetch(`${hubUrl}/v1/handoffs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_INTEGRATION_TOKEN}` },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`handoff refused: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { conversationId: string }).conversationId;
}

const workspace = (page: Page) => page.getByTestId('agent-workspace').or(page.getByTestId('supervisor-workspace'));

/**
 * Opens the workstation at `url` already signed in, as an agent finds it the morning after: its core
 * signs in to the hub first, so the page opens on the workspace. For every test not about signing
 * in; the form costs a page load and a round trip per station that those tests do not check.
 */
export async function openSignedIn(page: Page, url: string, email = 'agent@demo'): Promise<void> {
  const station = running.get(url);
  if (!station) throw new Error(`no running test workstation at ${url}`);
  await station.core.signIn({ email, password: DEMO_PASSWORD });
  await page.goto(url);
  await workspace(page).waitFor();
}

/** Signs in through the UI, as an agent would on a fresh workstation. */
export async function signInThroughUi(page: Page, url: string, email = 'agent@demo'): Promise<void> {
  await page.goto(url);
  await page.getByTestId('sign-in-email').fill(email);
  await page.getByTestId('sign-in-password').fill('demo');
  await page.getByTestId('sign-in-submit').click();
  await workspace(page).waitFor();
}

let counter = 0;
/**
 * Ends the chats a test of a shared floor opened, so the next test starts with the agents' capacity
 * free: whoever holds one resolves it, and one still waiting is left by its customer.
 */
export async function endChats(hub: RunningHub, conversationIds: string[]): Promise<void> {
  const { context } = hub.hub;
  for (const id of conversationIds.splice(0)) {
    const record = await context.conversations.get(id);
    const holder = record?.state === 'assigned' && record.assignedAgentId ? await context.accounts.userById(record.assignedAgentId) : null;
    if (holder) await context.service.resolve(holder, id, 'solved');
    else if (record && ['queued', 'offered', 'transferred'].includes(record.state)) await context.service.abandon(id, 'the test ended');
  }
}

export function handoffEnvelope(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    v: 1,
    id: `e2e-bot:c-${Date.now()}-${counter}:1`,
    source: { platform: 'generic', bot: 'returns-bot', conversationId: `c-${counter}` },
    customer: { id: 'cust-4411', name: 'Maria Okafor', email: 'maria@example.com', verification: { status: 'verified', method: 'one-time code' } },
    issue: { title: 'Refund for boots outside the 30-day window', intent: 'refund_request', department: 'returns' },
    reason: { kind: 'bot_failure', detail: 'Refund exceptions need an advisor', evidenceTurnIds: ['t4'], attempts: 2 },
    summary: { text: 'Wants a refund for order 555, two days past the window; verified; asked for an exception.', source: 'bot' },
    sentiment: { score: -0.6, label: 'negative', source: 'bot' },
    fields: [{ key: 'order_id', label: 'Order', value: '555', verified: true }],
    transcript: [
      { id: 't1', at: '2026-11-20T10:12:03Z', author: 'customer', text: 'I want to return my boots' },
      { id: 't2', at: '2026-11-20T10:12:04Z', author: 'bot', text: 'Sure. What is your order number?' },
      { id: 't3', at: '2026-11-20T10:12:20Z', author: 'customer', text: 'It is 555, delivered 32 days ago' },
      { id: 't4', at: '2026-11-20T10:12:21Z', author: 'bot', text: 'Sorry, returns are only accepted within 30 days.' },
    ],
    routing: { queue: 'support', priority: 2, channel: 'web' },
    ...overrides,
  };
}
