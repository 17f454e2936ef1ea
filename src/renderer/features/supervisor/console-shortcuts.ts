import { altIntent, isTyping, type KeyPress } from '../../app/key-intent';
import type { Shortcut } from '../../app/shortcuts';

/** The supervisor console's keyboard shortcuts: one list for the handler, the buttons' hints and the README. */
export const CONSOLE_SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Alt+M', does: 'Monitor the riskiest conversation on the radar' },
  { keys: 'Alt+W', does: 'Whisper to the agent (focus the whisper box)' },
  { keys: 'Alt+B', does: 'Barge in' },
  { keys: 'Alt+O', does: 'Take over' },
  { keys: 'Alt+T', does: 'Force transfer (focus the target)' },
  { keys: 'Alt+A', does: "Acknowledge the oldest open flag" },
  { keys: 'Escape', does: 'Stop monitoring (outside a text field)' },
];

export type ConsoleIntent = 'monitor-riskiest' | 'whisper' | 'barge' | 'take-over' | 'transfer' | 'acknowledge' | 'stop';

const ALT_CODES: Record<string, ConsoleIntent> = {
  KeyM: 'monitor-riskiest',
  KeyW: 'whisper',
  KeyB: 'barge',
  KeyO: 'take-over',
  KeyT: 'transfer',
  KeyA: 'acknowledge',
};

/**
 * Which step-in a key press means, if any. Alt shortcuts are read from `code` (macOS Alt+B types
 * "∫") and work from inside the whisper box, as the agent workspace's do; Escape does not, because
 * in a text field it already means "leave this field".
 */
export function consoleIntent(event: KeyPress): ConsoleIntent | null {
  if (event.ctrlKey || event.metaKey) return null;
  if (event.altKey) return altIntent(event, ALT_CODES);
  return !event.shiftKey && event.key === 'Escape' && !isTyping(event.target) ? 'stop' : null;
}
