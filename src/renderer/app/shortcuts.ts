import { altIntent, isTyping, type KeyPress } from './key-intent';

/** The agent workspace's keyboard shortcuts: one list for the handler, the help overlay and the README. */
export interface Shortcut {
  keys: string;
  does: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'A', does: 'Accept the offer (handoff card focused)' },
  { keys: 'D', does: 'Decline the offer, with a reason (handoff card focused)' },
  { keys: 'Alt+N', does: 'Next conversation, most urgent first' },
  { keys: 'Alt+P', does: 'Previous conversation' },
  { keys: 'Alt+C', does: 'Focus the reply box' },
  { keys: 'Alt+T', does: 'Transfer, with a note' },
  { keys: 'Alt+F', does: 'Flag to a supervisor' },
  { keys: 'Alt+R', does: 'Resolve, with an outcome' },
  { keys: 'Enter / Shift+Enter', does: 'Send / new line in the reply box' },
  { keys: '↑ ↓ j k', does: 'Move through the inbox' },
  { keys: 'Escape', does: 'Back to the inbox' },
  { keys: '/', does: 'Search history' },
  { keys: '?', does: 'Show or hide this list' },
];

export type ShortcutIntent = 'next' | 'previous' | 'composer' | 'transfer' | 'flag' | 'resolve' | 'help';

const ALT_CODES: Record<string, ShortcutIntent> = {
  KeyN: 'next',
  KeyP: 'previous',
  KeyC: 'composer',
  KeyT: 'transfer',
  KeyF: 'flag',
  KeyR: 'resolve',
};

/**
 * Which workspace intent a key press means, if any. Alt shortcuts are read from `code`, not `key`:
 * on macOS Alt+T types "†". They work while typing, so an agent can transfer from the reply box;
 * `?` does not, since it is a character people type.
 */
export function shortcutIntent(event: KeyPress): ShortcutIntent | null {
  if (event.ctrlKey || event.metaKey) return null;
  if (event.altKey) return altIntent(event, ALT_CODES);
  return event.key === '?' && !isTyping(event.target) ? 'help' : null;
}
