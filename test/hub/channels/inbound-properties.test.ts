import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hub } from '../../../src/hub/app';
import { demoHub, envelope, integrationAuth } from '../../support/hub';

let hub: Hub;
let conversationId: string;
beforeAll(async () => {
  hub = await demoHub();
  const response = await hub.app.inject({ method: 'POST', url: '/v1/handoffs', headers: integrationAuth, payload: envelope({ id: 'prop:c-1:1' }) });
  conversationId = (response.json() as { conversationId: string }).conversationId;
});
afterAll(() => hub.app.close());

const post = (payload: string) =>
  hub.app.inject({
    method: 'POST',
    url: `/v1/conversations/${conversationId}/customer-messages`,
    headers: { ...integrationAuth, 'content-type': 'application/json' },
    payload,
  });

const hostileKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'messageId', 'text', 'at', 'attachments'), fc.string({ maxLength: 8 }));
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small' }, fc.string({ maxLength: 40 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(tie('tree'), { maxLength: 4 }), fc.dictionary(hostileKey, tie('tree'), { maxKeys: 5 })),
}));

describe('the generic customer-messages route, for any body', () => {
  it('answers random JSON with a 2xx or a 4xx naming the problem, never a 5xx, and leaves Object.prototype alone', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(tree, fc.record({ messageId: tree, text: tree }), fc.record({ messageId: fc.string({ maxLength: 20 }), text: fc.string({ maxLength: 60 }), junk: tree })), async (body) => {
        const response = await post(JSON.stringify(body) ?? 'null');
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode >= 400) expect((response.json() as { error: { code: string } }).error.code).toMatch(/^[a-z_]+$/);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it('stores each valid message once however often it is sent, and in the order first sent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9_:.-]{1,12}$/), { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 12 }), async (ids, repeats) => {
        const prefix = `p${Math.random().toString(36).slice(2)}-`;
        const sends = [...ids, ...repeats.map((n) => ids[n % ids.length]!)];
        for (const id of sends) {
          const response = await post(JSON.stringify({ messageId: prefix + id, text: `text of ${prefix}${id}` }));
          expect([200, 201]).toContain(response.statusCode);
        }
        const stored = (await hub.context.conversations.messages(conversationId)).filter((message) => message.text.startsWith(`text of ${prefix}`));
        expect(stored.map((message) => message.text)).toEqual(ids.map((id) => `text of ${prefix}${id}`));
      }),
      { numRuns: 25 },
    );
  });
});
