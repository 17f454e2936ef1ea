import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import { seedDemo } from '../../../src/hub/demo/seed';
import { storableJson } from '../../../src/shared/json-storable';
import { envelope, integrationAuth } from '../../support/hub';
import { onPostgres, testHub } from '../../support/test-store';

const backend = onPostgres ? 'PostgreSQL' : 'SQLite';
const BLNS = resolve(__dirname, '../../../../shared/data/badinput/blns/blns.json');
/** What both stores keep: U+0000 and unpaired surrogates (a string cut mid-emoji) as U+FFFD. */
const shown = (text: string) => text.replace(/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

let hub: Hub | undefined;
afterEach(async () => {
  await hub?.app.close();
  hub = undefined;
});

async function floor(): Promise<Hub> {
  hub = await testHub({ integrationRateLimit: { max: 100_000, timeWindowMs: 60_000 } });
  await seedDemo(hub);
  return hub;
}

const post = (on: Hub, body: unknown) =>
  on.app.inject({ method: 'POST', url: '/v1/handoffs', headers: { 'content-type': 'application/json', ...integrationAuth }, payload: JSON.stringify(body) });

/** A handoff whose customer fields, issue, source and a turn all carry `value`. */
function hostile(value: string, id: string) {
  const base = envelope();
  return {
    ...base,
    id,
    source: { ...base.source, conversationId: value.slice(0, 500) },
    customer: { ...base.customer, id: value.slice(0, 200) || 'x', name: value.slice(0, 500) || 'x', email: value.slice(0, 500), phone: value.slice(0, 500) },
    issue: { ...base.issue, title: value.slice(0, 500), intent: value.slice(0, 500) },
    transcript: [{ id: 't1', at: '2026-11-20T10:12:03Z', author: 'customer' as const, text: value.slice(0, 20_000) }],
  };
}

describe(`U+0000 and cut surrogates in a handoff envelope (${backend})`, () => {
  it('takes the handoff and keeps each U+0000 as U+FFFD, in the customer id, email, phone, name, issue, source and turns', async () => {
    const on = await floor();
    const body = hostile('ana\u0000@example.com \u0000+44 20 7946 0000', 'bot:nul\u0000:1');
    const response = await post(on, body);
    expect(response.statusCode).toBe(201);
    const stored = await on.context.conversations.get(response.json().conversationId);
    expect(stored?.envelope.customer).toMatchObject({
      id: 'ana\uFFFD@example.com \uFFFD+44 20 7946 0000',
      email: 'ana\uFFFD@example.com \uFFFD+44 20 7946 0000',
      phone: 'ana\uFFFD@example.com \uFFFD+44 20 7946 0000',
      name: 'ana\uFFFD@example.com \uFFFD+44 20 7946 0000',
    });
    expect(stored?.envelope.issue?.title).toBe('ana\uFFFD@example.com \uFFFD+44 20 7946 0000');
    expect(stored?.envelope.transcript[0]?.text).toBe('ana\uFFFD@example.com \uFFFD+44 20 7946 0000');

    // The bot's retry of the same envelope is the same conversation, not a second one.
    const again = await post(on, body);
    expect(again.statusCode).toBe(200);
    expect(again.json().conversationId).toBe(response.json().conversationId);
  });

  it('leaves a backslash the customer typed before "u0000" as text, and a whole emoji whole', () => {
    expect(JSON.parse(storableJson(JSON.stringify({ typed: '\\u0000', nul: '\u0000', both: '\\\u0000' })))).toEqual({ typed: '\\u0000', nul: '\uFFFD', both: '\\\uFFFD' });
    const cut = { high: 'ok \uD83D', low: '\uDE00 ok', pair: 'ok \uD83D\uDE00', escapedPair: '\\uD83D\uDE00' };
    expect(JSON.parse(storableJson(JSON.stringify(cut)))).toEqual({ high: 'ok \uFFFD', low: '\uFFFD ok', pair: 'ok 😀', escapedPair: '\\uD83D\uFFFD' });
    expect(JSON.parse(storableJson('{"pair":"\\ud83d\\ude00","cut":"\\ud83d!"}'))).toEqual({ pair: '😀', cut: '\uFFFD!' });
  });

  describe.skipIf(!existsSync(BLNS))('over the Big List of Naughty Strings with a U+0000 inside each (../shared/data/badinput/blns)', () => {
    it('answers 201 to every one, cut at 99 UTF-16 units, and stores each as sent, U+0000 and halves of a pair shown as U+FFFD', async () => {
      const on = await floor();
      const strings = JSON.parse(readFileSync(BLNS, 'utf8')) as string[];
      expect(strings.length).toBeGreaterThan(100);
      const refused: string[] = [];
      for (const [index, naughty] of strings.entries()) {
        const value = `${naughty.slice(0, 99)}\u0000${naughty.slice(0, 99)}`;
        const response = await post(on, hostile(value, `bot:blns-${index}`));
        if (response.statusCode !== 201) {
          refused.push(`${index} ${response.statusCode} ${response.body.slice(0, 120)}`);
          continue;
        }
        const stored = await on.context.conversations.get(response.json().conversationId);
        expect(stored?.envelope.customer.id, `string ${index}`).toBe(shown(value));
        expect(stored?.envelope.transcript[0]?.text, `string ${index}`).toBe(shown(value));
      }
      expect(refused).toEqual([]);
    }, 240_000);
  });
});
