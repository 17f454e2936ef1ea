import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../../src/renderer/features/conversation/conversation-selectors';
import { TurnViewCache, turnViewOf } from '../../../../src/renderer/features/conversation/turn-view';
import { formatClock } from '../../../../src/renderer/format/time';

const entry = (fields: Partial<TimelineEntry> = {}): TimelineEntry => ({
  key: 'turn:t1',
  author: 'customer',
  authorName: null,
  at: '2026-11-20T10:05:00Z',
  text: 'My boots never came',
  isBeforeHandoff: true,
  isEvidence: false,
  delivery: 'sent',
  deliveryError: null,
  ...fields,
});

const SAME_DAY = Date.parse('2026-11-20T12:00:00Z');
const NEXT_DAY = Date.parse('2026-11-21T12:00:00Z');
// Far from the machine's clock, so a view made with Date.now() instead of the render's time would show.
const LONG_AGO = Date.parse('2020-03-01T12:00:00Z');

describe('what a transcript row shows of its turn', () => {
  it('labels each role, and names bot and staff authors but never the customer', () => {
    expect(turnViewOf(entry({ authorName: 'Zoë' }))).toMatchObject({ authorText: 'Customer', name: null });
    expect(turnViewOf(entry({ author: 'bot', authorName: 'Returns bot' }))).toMatchObject({ authorText: 'Bot · ', name: 'Returns bot' });
    expect(turnViewOf(entry({ author: 'agent', authorName: 'Priya' }))).toMatchObject({ authorText: 'Agent · ', name: 'Priya' });
    expect(turnViewOf(entry({ author: 'supervisor' }))).toMatchObject({ authorText: 'Supervisor', name: null });
  });

  it('marks evidence, whispers and unsent replies in the row classes', () => {
    expect(turnViewOf(entry({ author: 'bot', isEvidence: true })).className).toBe('turn turn--bot turn--evidence');
    expect(turnViewOf(entry({ author: 'supervisor', isWhisper: true })).className).toBe('turn turn--supervisor turn--whisper');
    expect(turnViewOf(entry({ author: 'agent', delivery: 'failed' })).className).toBe('turn turn--agent turn--failed');
    expect(turnViewOf(entry({ author: 'system', isEvidence: true })).className).toBe('turn turn--system');
  });

  it('gives today’s turns a clock time and older ones their date, as formatClock does', () => {
    expect(turnViewOf(entry(), SAME_DAY).time).toBe(formatClock('2026-11-20T10:05:00Z', SAME_DAY));
    expect(turnViewOf(entry(), NEXT_DAY).time).toBe(formatClock('2026-11-20T10:05:00Z', NEXT_DAY));
    expect(turnViewOf(entry(), NEXT_DAY).time).not.toBe(turnViewOf(entry(), SAME_DAY).time);
  });

  it('lists the links of a turn for its Open link buttons, and none for a system line', () => {
    expect(turnViewOf(entry({ text: 'see https://help.example.com/returns.' })).links).toEqual(['https://help.example.com/returns']);
    expect(turnViewOf(entry()).links).toEqual([]);
    expect(turnViewOf(entry({ author: 'system', text: 'https://x.example/' })).links).toEqual([]);
  });

  it('tells an empty or blank message from one with text', () => {
    expect(turnViewOf(entry({ text: ' \n ' })).hasText).toBe(false);
    expect(turnViewOf(entry({ text: '0' })).hasText).toBe(true);
  });
});

describe('the views of a conversation’s turns', () => {
  it('keeps a turn’s view when the timeline is rebuilt with the same fields, so its row is not rendered again', () => {
    const views = new TurnViewCache();
    views.startRender(SAME_DAY);
    const first = views.viewOf(entry());
    expect(views.viewOf(entry())).toBe(first);
  });

  it('makes a new view when a field the row shows changes', () => {
    const views = new TurnViewCache();
    views.startRender(SAME_DAY);
    const pending = views.viewOf(entry({ key: 'pending:c1', author: 'agent', delivery: 'pending' }));
    const failed = views.viewOf(entry({ key: 'pending:c1', author: 'agent', delivery: 'failed', deliveryError: 'offline' }));
    expect(failed).not.toBe(pending);
    expect(failed.className).toBe('turn turn--agent turn--failed');
    expect(views.viewOf(entry({ key: 'pending:c1', author: 'agent', delivery: 'failed', deliveryError: 'offline', isWhisper: true })).className).toContain(
      'turn--whisper',
    );
  });

  it('works the views out again on a new day, when yesterday’s times need their date', () => {
    const views = new TurnViewCache();
    views.startRender(SAME_DAY);
    const today = views.viewOf(entry());
    expect(today.time).toBe(formatClock('2026-11-20T10:05:00Z', SAME_DAY));
    views.startRender(SAME_DAY + 60_000);
    expect(views.viewOf(entry())).toBe(today);
    views.startRender(NEXT_DAY);
    const tomorrow = views.viewOf(entry());
    expect(tomorrow).not.toBe(today);
    expect(tomorrow.time).toBe(formatClock('2026-11-20T10:05:00Z', NEXT_DAY));
    views.startRender(LONG_AGO);
    expect(views.viewOf(entry({ at: '2020-03-01T09:30:00Z' })).time).toBe(formatClock('2020-03-01T09:30:00Z', LONG_AGO));
  });
});
