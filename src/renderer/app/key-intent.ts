export type KeyPress = Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'target'>;

/** True while the user types into a field: plain-key shortcuts must leave those keys alone. */
export const isTyping = (target: EventTarget | null): boolean =>
  typeof HTMLElement !== 'undefined' &&
  target instanceof HTMLElement &&
  (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/**
 * The intent an Alt shortcut names, read from `code`, not `key`: on macOS Alt+T types "†". Alt
 * shortcuts work while typing, so an action is reachable from the text field it follows. Null for
 * anything else, including Ctrl/Cmd combinations (the browser's and the OS's).
 */
export function altIntent<I extends string>(event: KeyPress, codes: Readonly<Record<string, I>>): I | null {
  if (event.ctrlKey || event.metaKey || !event.altKey || event.shiftKey) return null;
  return codes[event.code] ?? null;
}
