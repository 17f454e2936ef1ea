import { describe, expect, it } from 'vitest';
import type { HandoffEnvelope } from '../../../../src/shared/envelope';
import { CANNED_REPLIES, fillTemplate, unfilledPlaceholders } from '../../../../src/renderer/features/conversation/canned-replies';

const envelope = (overrides: Partial<HandoffEnvelope> = {}): HandoffEnvelope => ({
  v: 1,
  id: 'e1',
  customer: { name: 'Maria Okafor' },
  issue: { title: 'Refund for boots' },
  fields: [
    { key: 'order_id', label: 'Order', value: '555', verified: true },
    { key: 'postcode', label: 'Postcode', value: 'SW1A 1AA', verified: false },
  ],
  transcript: [],
  ...overrides,
});

describe('canned replies', () => {
  it('fills the customer’s first name and their order from the collected fields', () => {
    expect(fillTemplate('Hi {name}, I can see your order {order}…', envelope())).toEqual({
      text: 'Hi Maria, I can see your order 555…',
      missing: [],
    });
  });

  it('fills any collected field by its key and the issue by its title', () => {
    expect(fillTemplate('{postcode} / {issue} / {fullName}', envelope()).text).toBe('SW1A 1AA / Refund for boots / Maria Okafor');
  });

  it('leaves an unknown field visibly unfilled and says which, never writing "undefined"', () => {
    const filled = fillTemplate('Hi {name}, your account {account} and order {order}', envelope({ fields: [] }));
    expect(filled.text).toBe('Hi Maria, your account {account} and order {order}');
    expect(filled.text).not.toMatch(/undefined|null/);
    expect(filled.missing).toEqual(['account', 'order']);
  });

  it('treats a blank field value as unknown', () => {
    const filled = fillTemplate('order {order}', envelope({ fields: [{ key: 'order_id', label: 'Order', value: '  ', verified: false }] }));
    expect(filled).toEqual({ text: 'order {order}', missing: ['order'] });
  });

  it('inserts hostile values as the text they are, without evaluating further placeholders in them', () => {
    const filled = fillTemplate('Hi {name}', envelope({ customer: { name: '<img src=x onerror=alert(1)>{order}' } }));
    expect(filled.text).toBe('Hi <img');
    const whole = fillTemplate('Hi {fullName}', envelope({ customer: { name: '{order} $& $1' } }));
    expect(whole.text).toBe('Hi {order} $& $1');
  });

  it('finds the placeholders still left in a draft', () => {
    expect(unfilledPlaceholders('Hi Maria, order {order} and {order}, account {account}')).toEqual(['order', 'account']);
  });

  it('ships replies whose every placeholder a full envelope can fill', () => {
    for (const reply of CANNED_REPLIES) expect(fillTemplate(reply.template, envelope()).missing).toEqual([]);
  });
});
