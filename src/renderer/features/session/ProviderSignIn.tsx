import { useSession, useStores } from '../../app/stores-context';

/** "Sign in with <provider>", and while the person is at the provider, what to do from here. */
export function ProviderSignIn({ name, hubUrl }: { name: string; hubUrl: string }) {
  const { session } = useStores();
  const isSigningIn = useSession((state) => state.isSigningIn);
  const pending = useSession((state) => state.providerSignIn);

  if (pending) {
    return (
      <div className="sign-in__provider-wait" role="status" data-testid="sign-in-provider-wait">
        <p>
          Finish signing in with <strong>{name}</strong> in your browser. Warmline opens here as soon as you are back.
        </p>
        <div className="sign-in__provider-actions">
          {pending.isOpened ? null : (
            <a className="button button--secondary" href={pending.authorizationUrl} target="_blank" rel="noopener noreferrer" data-testid="sign-in-provider-reopen">
              Open the page again
            </a>
          )}
          <button type="button" className="button button--quiet" onClick={() => void session.getState().cancelProviderSignIn()} data-testid="sign-in-provider-cancel">
            Cancel
          </button>
        </div>
      </div>
    );
  }
  return (
    <button
      type="button"
      className="button button--primary button--block"
      disabled={isSigningIn}
      onClick={() => void session.getState().signInWithProvider(hubUrl, (url) => window.open(url, '_blank', 'noopener,noreferrer'))}
      data-testid="sign-in-provider"
    >
      Sign in with {name}
    </button>
  );
}
