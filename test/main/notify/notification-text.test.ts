import { describe, expect, it } from 'vitest';
import type { ConversationView } from '../../../src/shared/conversation';
import { offerNotification } from '../../../src/main/notify/notification-text';
import { offeredView } from './fixtures';

const view = (overrides: Partial<ConversationView['envelope']> = {}): ConversationView => {
  const offered = offeredView();
  return { ...offered, envelope: { ...offered.envelope, ...overrides } };
};

describe('offer notification text', () => {
  it('names the customer in the title and gives issue, reason and wait in the body', () => {
    expect(offerNotification(view(), new Date('2026-11-20T10:03:30Z'))).toEqual({
      title: 'Maria Okafor',
      body: 'Refund for boots · Customer asked for a human · waiting 3 min',
    });
  });

  it('never carries collected fields such as account numbers', () => {
    const text = offerNotification(view(), new Date('2026-11-20T10:00:10Z'));
    expect(JSON.stringify(text)).not.toContain('12345678');
  });

  it('flattens control characters and bidi overrides, and bounds the length', () => {
    const text = offerNotification(view({ customer: { name: `Eve\u202e\n${'x'.repeat(200)}` }, issue: { title: 'a\u0000b' } }), new Date('2026-11-20T10:00:10Z'));
    expect(text.title).not.toMatch(/[\u0000-\u001f\u202e]/);
    expect(text.title.length).toBeLessThanOrEqual(80);
    expect(text.body.startsWith('a b ·')).toBe(true);
  });
});
