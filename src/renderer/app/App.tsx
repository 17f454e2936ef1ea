import { useSyncExternalStore } from 'react';
import { useSession, useStores } from './stores-context';
import { SignInScreen } from '../features/session/SignInScreen';
import { selectIsLoaded, selectIsSignedIn } from '../features/session/session-selectors';
import { Workspace } from './Workspace';

function Starting() {
  const { session, transport } = useStores();
  const bridge = useSyncExternalStore(transport.subscribe, transport.get);
  const loadError = useSession((state) => state.loadError);
  return (
    <main className="starting" aria-labelledby="starting-title" data-testid="starting">
      <div className="brand brand--large" aria-hidden="true">
        <span className="brand__mark" />
        Warmline
      </div>
      <h1 id="starting-title" className="starting__title">
        {loadError ? 'Warmline is not answering' : 'Starting Warmline…'}
      </h1>
      <p role="status" className="starting__text">
        {loadError ?? (bridge.status === 'closed' ? 'Waiting for the Warmline service to come back…' : 'Connecting…')}
      </p>
      {loadError ? (
        <button type="button" className="button button--primary" onClick={() => void session.getState().load()}>
          Try again
        </button>
      ) : null}
    </main>
  );
}

export function App() {
  const isLoaded = useSession(selectIsLoaded);
  const isSignedIn = useSession(selectIsSignedIn);
  if (!isLoaded) return <Starting />;
  return isSignedIn ? <Workspace /> : <SignInScreen />;
}
