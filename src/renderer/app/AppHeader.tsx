import { useStore } from 'zustand';
import { useHistory, useSession, useStores } from './stores-context';
import { ConnectionStatus } from '../features/session/ConnectionStatus';
import { selectUser } from '../features/session/session-selectors';
import { focusHistorySearch } from '../features/history/HistoryPanel';
import { UserMenu } from './UserMenu';

export function AppHeader() {
  const { history, admin } = useStores();
  const user = useSession(selectUser);
  const isHistoryOpen = useHistory((state) => state.isOpen);
  const isAdminOpen = useStore(admin, (state) => state.isOpen);

  return (
    <header className="app-header">
      <h1 className="brand">
        <span className="brand__mark" aria-hidden="true" />
        Warmline
      </h1>
      <ConnectionStatus />
      {user ? (
        <>
          <button
            type="button"
            className="button button--quiet app-header__history"
            aria-pressed={isHistoryOpen}
            aria-keyshortcuts="/"
            title="Search every conversation on this workstation (/)"
            onClick={() => {
              if (isHistoryOpen) history.getState().close();
              else {
                history.getState().open();
                focusHistorySearch();
              }
            }}
            data-testid="history-button"
          >
            History <kbd className="button__kbd">/</kbd>
          </button>
          {user.role === 'admin' ? (
            <button
              type="button"
              className="button button--quiet"
              aria-pressed={isAdminOpen}
              onClick={() => (isAdminOpen ? admin.getState().close() : admin.getState().open())}
              data-testid="admin-button"
            >
              Administration
            </button>
          ) : null}
          <UserMenu user={user} />
        </>
      ) : null}
    </header>
  );
}
