import { useEffect, useState, type FormEvent } from 'react';
import { useSession, useStores } from '../../app/stores-context';
import { ProviderSignIn } from './ProviderSignIn';
import './sign-in.css';

export function SignInScreen() {
  const { session } = useStores();
  const isSigningIn = useSession((state) => state.isSigningIn);
  const error = useSession((state) => state.signInError);
  const knownHubUrl = useSession((state) => state.session?.connection.hubUrl ?? '');
  const signedOutWhy = useSession((state) => state.session?.connection.detail ?? null);
  const options = useSession((state) => state.signInOptions);
  const isWaitingForProvider = useSession((state) => state.providerSignIn !== null);
  const [hubUrl, setHubUrl] = useState(knownHubUrl);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [wantsPassword, setWantsPassword] = useState(false);

  useEffect(() => {
    void session.getState().loadSignInOptions(knownHubUrl);
  }, [session, knownHubUrl]);

  const provider = options?.provider ?? null;
  // With password sign-in off only admins use one (their way back in): it stays one click away.
  const showsPassword = !isWaitingForProvider && (provider === null || options?.passwordSignIn !== false || wantsPassword);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void session.getState().signIn({ hubUrl, email, password });
  };

  return (
    <main className="sign-in" aria-labelledby="sign-in-title">
      <form className="sign-in__card" onSubmit={submit} data-testid="sign-in-form" noValidate>
        <div className="brand brand--large" aria-hidden="true">
          <span className="brand__mark" />
          Warmline
        </div>
        <h1 id="sign-in-title" className="sign-in__title">
          Sign in to your workspace
        </h1>
        <p className="sign-in__lede">Handoffs from your bots arrive here with everything the customer already said.</p>
        {signedOutWhy ? (
          <p className="form-error" role="status" data-testid="sign-in-notice">
            {signedOutWhy}
          </p>
        ) : null}

        {provider ? <ProviderSignIn name={provider.name} hubUrl={hubUrl} /> : null}
        {provider && showsPassword ? <p className="sign-in__or">or with your email and password</p> : null}
        {provider && !showsPassword && !isWaitingForProvider ? (
          <button type="button" className="button button--quiet sign-in__admin-password" onClick={() => setWantsPassword(true)} data-testid="sign-in-show-password">
            Administrator? Sign in with a password
          </button>
        ) : null}

        {showsPassword ? (
          <>
            <label className="field">
              <span className="field__label">Email</span>
              <input
                name="email"
                type="email"
                autoComplete="username"
                required
                autoFocus={!provider}
                value={email}
                onChange={(event) => setEmail(event.target.value)}
                data-testid="sign-in-email"
              />
            </label>
            <label className="field">
              <span className="field__label">Password</span>
              <input
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.target.value)}
                data-testid="sign-in-password"
              />
            </label>
          </>
        ) : null}
        <label className="field">
          <span className="field__label">
            Hub address <span className="field__optional">optional</span>
          </span>
          <input
            name="hubUrl"
            type="url"
            inputMode="url"
            placeholder="https://hub.example.com"
            spellCheck={false}
            value={hubUrl}
            onChange={(event) => setHubUrl(event.target.value)}
            onBlur={() => void session.getState().loadSignInOptions(hubUrl)}
            aria-describedby="hub-url-hint"
            data-testid="sign-in-hub-url"
          />
          <span id="hub-url-hint" className="field__hint">
            Leave empty to use the hub this workstation is set up for.
          </span>
        </label>

        {error ? (
          <p className="form-error" role="alert" data-testid="sign-in-error">
            {error}
          </p>
        ) : null}

        {showsPassword ? (
          <button
            type="submit"
            className={`button ${provider ? 'button--secondary' : 'button--primary'} button--block`}
            disabled={isSigningIn || !email.trim() || !password}
            data-testid="sign-in-submit"
          >
            {isSigningIn && !isWaitingForProvider ? 'Signing in…' : 'Sign in'}
          </button>
        ) : null}
      </form>
    </main>
  );
}
