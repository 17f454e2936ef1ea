import { useSession, useStores } from './stores-context';
import { ConnectionStatus } from '../features/session/ConnectionStatus';
import { selectUser } from '../features/session/session-selectors';

const ROLE_LABELS = { agent: 'Agent', supervisor: 'Supervisor', admin: 'Administrator', wallboard: 'Wallboard' } as const;

export function AppHeader() {
  const { session } = useStores();
  const user = useSession(selectUser);

  return (
    <header className="app-header">
      <h1 className="brand">
        <span className="brand__mark" aria-hidden="true" />
        Warmline
      </h1>
      <ConnectionStatus />
      {user ? (
        <div className="app-header__user">
          <span className="app-header__name" data-testid="current-user">
            <bdi>{user.name}</bdi>
            <span className="app-header__role">{ROLE_LABELS[user.role]}</span>
          </span>
          <button type="button" className="button button--quiet" onClick={() => void session.getState().signOut()}>
            Sign out
          </button>
        </div>
      ) : null}
    </header>
  );
}
