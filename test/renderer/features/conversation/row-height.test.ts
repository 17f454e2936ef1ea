import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../../src/renderer/features/conversation/conversation-selectors';
import { estimateRowHeight } from '../../../../src/renderer/features/conversation/row-height';

const turn = (text: string, author: TimelineEntry['author'] = 'customer'): TimelineEntry => ({
  key: `turn:${text.length}`,
  author,
  authorName: null,
  at: '2026-11-20T10:00:00Z',
  text,
  isBeforeHandoff: true,
  isEvidence: false,
  delivery: 'sent',
  deliveryError: null,
});

describe('transcript row height estimate', () => {
  it('guesses the heights the bench measured in Chromium: 73 px for one line, 95 px for two', () => {
    expect(estimateRowHeight(turn('x'.repeat(69)))).toBe(73);
    expect(estimateRowHeight(turn('x'.repeat(73)))).toBe(95);
  });

  it('grows by one line for every line break the customer typed, however short the lines', () => {
    expect(estimateRowHeight(turn('yes\nno\nmaybe'))).toBe(estimateRowHeight(turn('yes')) + 2 * (95 - 73));
  });

  it('keeps a system line shorter than any bubble', () => {
    expect(estimateRowHeight(turn('Sam Agent joined the chat.', 'system'))).toBeLessThan(estimateRowHeight(turn('ok')));
  });

  it('gives a row whose entry is missing the height of a one-line turn', () => {
    expect(estimateRowHeight(undefined)).toBe(73);
  });
});
