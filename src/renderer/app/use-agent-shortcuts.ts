import { useEffect, useState } from 'react';
import { focusComposer } from '../features/conversation/focus';
import { selectOrderedIds } from '../features/inbox/inbox-selectors';
import type { Stores } from './wiring';
import { shortcutIntent } from './shortcuts';

/** Wires the workspace shortcuts (shortcuts.ts) to the stores; returns the help overlay's state. */
export function useAgentShortcuts(stores: Stores, isEnabled: boolean): { isHelpOpen: boolean; closeHelp(): void } {
  const [isHelpOpen, setIsHelpOpen] = useState(false);
  useEffect(() => {
    if (!isEnabled) return;
    const step = (by: 1 | -1): void => {
      const state = stores.inbox.getState();
      const ids = selectOrderedIds(state, stores.session.getState().session?.user?.id ?? null);
      if (ids.length === 0) return;
      const at = state.selectedId ? ids.indexOf(state.selectedId) : -1;
      const next = ids[(at + by + ids.length) % ids.length];
      if (next) state.open(next);
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented) return;
      const intent = shortcutIntent(event);
      if (!intent) return;
      event.preventDefault();
      if (intent === 'help') setIsHelpOpen((open) => !open);
      else if (intent === 'next') step(1);
      else if (intent === 'previous') step(-1);
      else if (intent === 'composer') focusComposer();
      else stores.actions.getState().openPanel(intent);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [stores, isEnabled]);
  return { isHelpOpen, closeHelp: () => setIsHelpOpen(false) };
}
