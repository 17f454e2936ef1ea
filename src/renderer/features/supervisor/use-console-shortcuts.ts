import { useEffect } from 'react';
import type { Stores } from '../../app/wiring';
import { consoleIntent } from './console-shortcuts';
import { rankByRisk } from './risk';

export const WHISPER_INPUT_ID = 'whisper-input';
export const TRANSFER_TARGET_ID = 'transfer-target';

const focusById = (id: string): void => document.getElementById(id)?.focus();

/** Wires the console shortcuts (console-shortcuts.ts) to the stores while the console is shown. */
export function useConsoleShortcuts(stores: Pick<Stores, 'inbox' | 'supervisor'>): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented) return;
      const intent = consoleIntent(event);
      if (!intent) return;
      const supervisor = stores.supervisor.getState();
      const monitored = supervisor.monitored;
      // Step-ins need a watched chat; without one the key is left to the page.
      if (intent !== 'monitor-riskiest' && !monitored) return;
      event.preventDefault();
      switch (intent) {
        case 'monitor-riskiest': {
          const { ids, byId } = stores.inbox.getState();
          const top = rankByRisk(ids.flatMap((id) => (byId[id] ? [byId[id]] : [])), Date.now())[0];
          if (top) void supervisor.monitor(top.item.id);
          break;
        }
        case 'whisper':
          focusById(WHISPER_INPUT_ID);
          break;
        case 'transfer':
          focusById(TRANSFER_TARGET_ID);
          break;
        case 'barge':
          if (!supervisor.isBusy) void supervisor.barge();
          break;
        case 'take-over':
          if (!supervisor.isBusy) void supervisor.takeOver();
          break;
        case 'acknowledge': {
          const open = (monitored?.flags ?? []).filter((flag) => flag.answer === null).sort((a, b) => a.at.localeCompare(b.at))[0];
          if (open) void supervisor.acknowledgeFlag(open.id);
          break;
        }
        case 'stop':
          supervisor.stopMonitoring();
          break;
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [stores]);
}
