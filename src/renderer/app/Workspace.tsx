import { useEffect, type KeyboardEvent } from 'react';
import { useHistory, useSession, useStores } from './stores-context';
import { AppHeader } from './AppHeader';
import { EmptyWorkspace } from './EmptyWorkspace';
import { ShortcutHelp } from './ShortcutHelp';
import { useAgentShortcuts } from './use-agent-shortcuts';
import { ConversationPane } from '../features/conversation/ConversationPane';
import { focusHistorySearch, HistoryPanel } from '../features/history/HistoryPanel';
import { Inbox } from '../features/inbox/Inbox';
import { selectRole } from '../features/session/session-selectors';
import { SupervisorConsole } from '../features/supervisor/SupervisorConsole';
import { AdminArea } from '../features/admin/AdminArea';
import { useStore } from 'zustand';

/** Escape anywhere in the main pane returns focus to the open row in the inbox (or History's search). */
function focusSelectedRow(): void {
  const row =
    document.querySelector<HTMLElement>('[data-testid="inbox-row"][aria-current="true"]') ??
    document.querySelector<HTMLElement>('[data-testid="inbox-row"]') ??
    document.getElementById('history-search');
  row?.focus();
}

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/** `/` anywhere but a text field opens History with the search box focused, as in most mail and chat apps. */
function useSearchShortcut(openHistory: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent): void => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || isTyping(event.target)) return;
      event.preventDefault();
      openHistory();
      focusHistorySearch();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [openHistory]);
}

export function Workspace() {
  const role = useSession(selectRole);
  // Admins run the floor too: they get the same console as supervisors.
  const isSupervisor = role === 'supervisor' || role === 'admin';
  const stores = useStores();
  const { history } = stores;
  const isHistoryOpen = useHistory((state) => state.isOpen);
  const isAdminOpen = useStore(stores.admin, (state) => state.isOpen) && role === 'admin';
  useSearchShortcut(history.getState().open);
  const shortcuts = useAgentShortcuts(stores, !isSupervisor);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    focusSelectedRow();
  };

  if (isSupervisor) {
    return (
      <div className="workspace workspace--console" data-testid="supervisor-workspace">
        <AppHeader />
        {isHistoryOpen ? <HistoryPanel /> : null}
        {isAdminOpen ? (
          <main className="workspace__main" aria-label="Administration">
            <AdminArea store={stores.admin} />
          </main>
        ) : (
          <main className="workspace__main" aria-label="Supervisor console">
            <SupervisorConsole />
          </main>
        )}
      </div>
    );
  }

  return (
    <div className="workspace" data-testid="agent-workspace">
      <AppHeader />
      {isHistoryOpen ? <HistoryPanel /> : <Inbox isReadOnly={false} />}
      <main className="workspace__main" aria-label="Conversation" onKeyDown={onKeyDown}>
        <ConversationPane isReadOnly={false} emptyState={<EmptyWorkspace />} />
      </main>
      {shortcuts.isHelpOpen ? <ShortcutHelp onClose={shortcuts.closeHelp} /> : null}
    </div>
  );
}
