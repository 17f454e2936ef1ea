import { describe, expect, it } from 'vitest';
import { SHORTCUTS, shortcutIntent } from '../../../src/renderer/app/shortcuts';

const press = (overrides: Partial<Parameters<typeof shortcutIntent>[0]>) =>
  shortcutIntent({ key: '', code: '', altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, target: null, ...overrides });

describe('workspace shortcuts', () => {
  it('maps Alt+letter by physical key, so macOS option characters still work', () => {
    expect(press({ altKey: true, code: 'KeyT', key: '†' })).toBe('transfer');
    expect(press({ altKey: true, code: 'KeyR', key: '®' })).toBe('resolve');
    expect(press({ altKey: true, code: 'KeyN', key: 'n' })).toBe('next');
    expect(press({ altKey: true, code: 'KeyC', key: 'c' })).toBe('composer');
  });

  it('ignores the same letters without Alt, and with Ctrl or Cmd', () => {
    expect(press({ code: 'KeyT', key: 't' })).toBeNull();
    expect(press({ altKey: true, ctrlKey: true, code: 'KeyT' })).toBeNull();
    expect(press({ altKey: true, metaKey: true, code: 'KeyR' })).toBeNull();
  });

  it('opens the help with ? outside text fields', () => {
    expect(press({ key: '?', shiftKey: true })).toBe('help');
  });

  it('documents every Alt shortcut it handles', () => {
    const documented = SHORTCUTS.map((shortcut) => shortcut.keys);
    for (const keys of ['Alt+N', 'Alt+P', 'Alt+C', 'Alt+T', 'Alt+F', 'Alt+R', 'A', 'D', '?']) expect(documented).toContain(keys);
  });
});
