import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { ENVELOPE_LIMITS } from '../../src/shared/envelope';
import { DEMO_INTEGRATION_TOKEN } from '../../src/hub/demo/seed';
import { handoffEnvelope, recordingNotifier, openSignedIn, startTestHub, startTestWorkstation } from './support/stack';
import { settleEscapes, watchForEscapes } from './support/escapes';

const BADINPUT = resolve(__dirname, '../../../shared/data/badinput');
test.skip(!existsSync(BADINPUT), `hostile strings live in ${BADINPUT}; absent on this machine`);

/** Every file under badinput, recursively: the licences and checksums are lines of text too. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir)
    .sort()
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));

/** Lines as a text editor shows them: CRLF or LF ends a line; the newline at the end of a file opens no line. */
const linesOf = (file: string): string[] => {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
};

/** At most this many lines per handoff: its turns stay under the transcript's virtualisation threshold (400). */
const CHUNK = 200;
const FIELDS_PER_HANDOFF = 40;
const fitsShortText = (line: string) => line.length >= 1 && line.length <= ENVELOPE_LIMITS.maxShortText;

interface Batch {
  label: string;
  name: string;
  issue: string;
  fields: string[];
  turns: string[];
}

/**
 * Spreads each chunk of a file's lines over one handoff: the first line that fits a name is the
 * customer's name, the next the issue, then collected field values, and the rest customer turns,
 * so every line is delivered in one place and the names and issues come from every file.
 */
function batchesOf(file: string): Batch[] {
  const lines = linesOf(file);
  const batches: Batch[] = [];
  for (let start = 0; start < lines.length; start += CHUNK) {
    const rest = lines.slice(start, start + CHUNK);
    const take = (fits: (line: string) => boolean): string | null => {
      const index = rest.findIndex(fits);
      return index < 0 ? null : rest.splice(index, 1)[0]!;
    };
    const name = take(fitsShortText) ?? 'Customer';
    const issue = take(fitsShortText) ?? 'Issue';
    batches.push({ label: `${relative(BADINPUT, file)} lines ${start + 1}–${start + CHUNK}`, name, issue, fields: rest.splice(0, FIELDS_PER_HANDOFF), turns: rest });
  }
  return batches;
}

async function post(hubUrl: string, body: unknown): Promise<{ status: number; json: { conversationId?: string; error?: { code: string; details?: { path: string }[] } } }> {
  const response = await fetch(`${hubUrl}/v1/handoffs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_INTEGRATION_TOKEN}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as never };
}

const envelopeOf = (batch: Batch) =>
  handoffEnvelope({
    customer: { name: batch.name },
    issue: { title: batch.issue },
    summary: undefined,
    reason: { kind: 'customer_requested' },
    fields: batch.fields.map((value, index) => ({ key: `line_${index}`, label: `Line ${index + 1}`, value, verified: false })),
    transcript: batch.turns.map((text, index) => ({ id: `h${index}`, at: new Date(Date.UTC(2026, 10, 20, 10, 0, 0, index)).toISOString(), author: 'customer', text })),
  });

/**
 * What a notification shows of a name or an issue (notification-text.ts): one line, with control
 * and bidi-override characters as spaces, runs of space as one, trimmed, cut with "…".
 */
const oneLine = (text: string, max: number) => {
  const flat = text.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** Elements hostile text might smuggle in; the card itself uses none of them. */
const FOREIGN = 'img, script, iframe, object, embed, svg, math, video, audio, link, style, meta, base, frame, form, a[href]';

test('every line of shared/data/badinput, as names, issues, field values and turns through a real hub, renders as plain text in the card and the notification', async ({ page, context }) => {
  test.setTimeout(120_000);
  const hub = await startTestHub();
  const notifications = recordingNotifier();
  const workstation = await startTestWorkstation(hub.url, notifications.notifier);
  try {
    const files = filesUnder(BADINPUT);
    const batches = files.flatMap(batchesOf);
    const totalLines = files.reduce((sum, file) => sum + linesOf(file).length, 0);
    expect(batches.reduce((sum, batch) => sum + 2 + batch.fields.length + batch.turns.length, 0)).toBe(totalLines);

    // Watched from before sign-in: the page's own load must be clean too.
    const escapes = watchForEscapes(page, context);
    await openSignedIn(page, workstation.url);
    const foreignRequests: string[] = [];
    const origin = new URL(workstation.url).origin;
    page.on('request', (request) => void (new URL(request.url()).origin !== origin && foreignRequests.push(request.url())));
    const startUrl = page.url();

    // Lines longer than a name may be are refused as names with a 400 naming the field, not cut or
    // dropped; each of them still reaches the agent below, as a turn or a field value.
    const tooLongForName = files.flatMap(linesOf).filter((line) => line.length > ENVELOPE_LIMITS.maxShortText);
    const refused: string[] = [];
    for (const line of tooLongForName) {
      const answer = await post(hub.url, handoffEnvelope({ customer: { name: line } }));
      if (answer.status === 400 && answer.json.error?.code === 'invalid_envelope' && answer.json.error.details?.some((problem) => problem.path === 'customer.name')) refused.push(line);
    }
    expect(refused).toEqual(tooLongForName);

    const card = page.getByTestId('handoff-card');
    for (const batch of batches) {
      const answer = await post(hub.url, envelopeOf(batch));
      expect(answer.status, `${batch.label}: ${JSON.stringify(answer.json.error)}`).toBe(201);
      const id = answer.json.conversationId!;
      await expect.poll(() => workstation.core.get(id)?.state, { message: batch.label }).toBe('offered');
      const row = page.locator(`[data-testid="inbox-row"][data-conversation-id="${id}"]`);
      await expect(row.getByTestId('inbox-row-name'), batch.label).toHaveText(batch.name, { useInnerText: false });
      await row.click();
      await expect(card.getByTestId('handoff-customer'), batch.label).toHaveText(batch.name, { useInnerText: false });

      const shown = await card.evaluate((element, foreign) => {
        const texts = (selector: string) => [...element.querySelectorAll(selector)].map((node) => node.textContent ?? '');
        return {
          name: texts('[data-testid="handoff-customer"]')[0],
          issue: texts('[data-testid="handoff-issue"]')[0],
          fields: [...element.querySelectorAll('[data-testid="handoff-field"]')]
            .filter((row) => /^Line \d+$/.test(row.querySelector('dt')?.textContent ?? ''))
            .map((row) => row.querySelector('.fields__text')?.textContent ?? null),
          turns: texts('[data-testid="handoff-transcript"] [data-testid="turn-text"]'),
          foreign: element.querySelectorAll(foreign).length,
          overflow: { right: element.getBoundingClientRect().right, viewport: window.innerWidth, page: document.documentElement.scrollWidth },
        };
      }, FOREIGN);
      expect(shown.name, batch.label).toBe(batch.name);
      expect(shown.issue, batch.label).toBe(batch.issue);
      expect(shown.fields, batch.label).toEqual(batch.fields);
      // A blank turn is shown as a marked placeholder (TranscriptEntry), not as an empty paragraph.
      expect(shown.turns, batch.label).toEqual(batch.turns.map((text) => (text.trim() ? text : '(empty message)')));
      expect(shown.foreign, `${batch.label}: elements injected into the card`).toBe(0);
      expect(shown.overflow.right, `${batch.label}: card wider than the window`).toBeLessThanOrEqual(shown.overflow.viewport);
      expect(shown.overflow.page, `${batch.label}: page scrolls sideways`).toBeLessThanOrEqual(shown.overflow.viewport);

      const notification = notifications.shown.find((shown) => shown.id === id);
      expect(notification?.title, batch.label).toBe(oneLine(batch.name, 80) || 'Customer');
      expect(notification?.body.startsWith(`${oneLine(batch.issue, 120)} · `), `${batch.label}: ${notification?.body}`).toBe(true);
      // Declined so the next handoff is offered to this agent at once (capacity stays free).
      await workstation.core.decline(id);
    }
    await settleEscapes(page, escapes);

    expect(escapes).toEqual({ dialogs: [], popups: [], errors: [] });
    expect(page.url()).toBe(startUrl);
    expect(foreignRequests).toEqual([]);
    console.log(`hostile fields: ${totalLines} lines from ${files.length} files in ${batches.length} handoffs; ${refused.length} refused as names (over ${ENVELOPE_LIMITS.maxShortText} characters), each also delivered as a turn or field`);
  } finally {
    await workstation.close();
    await hub.close();
  }
});
