import { describe, expect, it } from 'vitest';
import { CONSOLE_SHORTCUTS, consoleIntent } from '../../../src/renderer/features/supervisor/console-shortcuts';

const press = (code: string, key: string, modifiers: { altKey?: boolean; ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean } = {}) => ({
  code,
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  target: null,
  ...modifiers,
});

describe('the supervisor console shortcuts', () => {
  it('maps Alt+M, W, B, O, T and A to monitor, whisper, barge, take over, transfer and acknowledge by physical key', () => {
    // macOS turns Alt+B into "∫": the code decides, not the character.
    expect(consoleIntent(press('KeyM', 'µ', { altKey: true }))).toBe('monitor-riskiest');
    expect(consoleIntent(press('KeyW', '∑', { altKey: true }))).toBe('whisper');
    expect(consoleIntent(press('KeyB', '∫', { altKey: true }))).toBe('barge');
    expect(consoleIntent(press('KeyO', 'ø', { altKey: true }))).toBe('take-over');
    expect(consoleIntent(press('KeyT', '†', { altKey: true }))).toBe('transfer');
    expect(consoleIntent(press('KeyA', 'å', { altKey: true }))).toBe('acknowledge');
  });

  it('leaves plain letters, Ctrl, Cmd and Alt+Shift combinations to the page', () => {
    expect(consoleIntent(press('KeyB', 'b'))).toBeNull();
    expect(consoleIntent(press('KeyB', 'b', { altKey: true, ctrlKey: true }))).toBeNull();
    expect(consoleIntent(press('KeyB', 'b', { altKey: true, metaKey: true }))).toBeNull();
    expect(consoleIntent(press('KeyB', 'B', { altKey: true, shiftKey: true }))).toBeNull();
    expect(consoleIntent(press('KeyZ', 'z', { altKey: true }))).toBeNull();
  });

  it('stops monitoring on Escape outside a text field', () => {
    expect(consoleIntent(press('Escape', 'Escape'))).toBe('stop');
    expect(consoleIntent(press('Escape', 'Escape', { shiftKey: true }))).toBeNull();
  });

  it('documents every Alt shortcut it handles', () => {
    const documented = CONSOLE_SHORTCUTS.map((shortcut) => shortcut.keys);
    for (const letter of ['M', 'W', 'B', 'O', 'T', 'A']) {
      expect(documented).toContain(`Alt+${letter}`);
      expect(consoleIntent(press(`Key${letter}`, letter.toLowerCase(), { altKey: true }))).not.toBeNull();
    }
  });
});
