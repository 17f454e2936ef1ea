import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkChatwootSignature, signChatwoot } from '../../../src/hub/adapters/chatwoot-signature';

const NOW = new Date('2026-11-20T10:30:00.000Z');
const TS = String(NOW.getTime() / 1000);
const BODY = '{"event":"message_created","id":1}';

/** Headers as lib/webhooks/trigger.rb of chatwoot/chatwoot builds them. */
const headers = (signature: string, timestamp = TS) => ({ 'x-chatwoot-delivery': 'd-1', 'x-chatwoot-timestamp': timestamp, 'x-chatwoot-signature': signature });

describe('Chatwoot webhook signature', () => {
  it('is sha256= and the hex HMAC-SHA256 of "<timestamp>.<body>", as Chatwoot computes it', () => {
    const expected = `sha256=${createHmac('sha256', 's3cret').update(`${TS}.${BODY}`).digest('hex')}`;
    expect(signChatwoot('s3cret', TS, BODY)).toBe(expected);
    expect(checkChatwootSignature(['s3cret'], BODY, headers(expected), NOW)).toEqual({ ok: true, delivery: 'd-1', timestamp: TS });
  });

  it('passes unsigned deliveries only while the channel has no secret', () => {
    expect(checkChatwootSignature([], BODY, { 'x-chatwoot-delivery': 'd-2' }, NOW)).toEqual({ ok: true, delivery: 'd-2', timestamp: null });
    expect(checkChatwootSignature(['s3cret'], BODY, {}, NOW)).toMatchObject({ ok: false });
  });

  it('refuses another secret, an altered body, a stale or future timestamp and a malformed header', () => {
    const good = signChatwoot('s3cret', TS, BODY);
    expect(checkChatwootSignature(['other'], BODY, headers(good), NOW)).toMatchObject({ ok: false });
    expect(checkChatwootSignature(['s3cret'], `${BODY} `, headers(good), NOW)).toMatchObject({ ok: false });
    const stale = String(Number(TS) - 301);
    expect(checkChatwootSignature(['s3cret'], BODY, headers(signChatwoot('s3cret', stale, BODY), stale), NOW)).toMatchObject({ ok: false });
    const future = String(Number(TS) + 301);
    expect(checkChatwootSignature(['s3cret'], BODY, headers(signChatwoot('s3cret', future, BODY), future), NOW)).toMatchObject({ ok: false });
    expect(checkChatwootSignature(['s3cret'], BODY, headers('sha256=zz'), NOW)).toMatchObject({ ok: false });
    expect(checkChatwootSignature(['s3cret'], BODY, headers(good, 'soon'), NOW)).toMatchObject({ ok: false });
  });
});
