import type { KeyboardEvent } from 'react';
import { useSession } from './stores-context';
import { AppHeader } from './AppHeader';
import { EmptyWorkspace } from './EmptyWorkspace';
import { ConversationPane } from '../features/conversation/ConversationPane';
import { Inbox } from '../features/inbox/Inbox';
import { selectRole } from '../features/session/session-selectors';
import { SupervisorPlaceholder } from '../features/supervisor/SupervisorPlaceholder';

/** Escape anywhere in the main pane returns focus to the open row in the inbox. */
function focusSelectedRow(): void {
  const row =
    document.querySelector<HTMLElement>('[data-testid="inbox-row"][aria-current="true"]') ??
    document.querySelector<HTMLElement>('[data-testid="inbox-row"]');
  row?.focus();
}

export function Workspace() {
  const role = useSession(selectRole);
  const isSupervisor = role === 'supervisor';

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    focusSelectedRow();
  };

  return (
    <div className="workspace" data-testid={isSupervisor ? 'supervisor-workspace' : 'agent-workspace'}>
      <AppHeader />
      <Inbox isReadOnly={isSupervisor} />
      <main className="workspace__main" aria-label="Conversation" onKeyDown={onKeyDown}>
        <ConversationPane
          isReadOnly={isSupervisor}
          emptyState={isSupervisor ? <SupervisorPlaceholder /> : <EmptyWorkspace />}
        />
      </main>
    </div>
  );
}
