import { useEffect, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { LOOPBACK_REDIRECT_REGISTERED, PROVIDER_DEFAULT_ROLES, type SignInSettings } from '../../../shared/sign-in';
import type { AdminStore } from './admin-store';

type Draft = Omit<SignInSettings, 'hasClientSecret'> & { clientSecret: string; removeSecret: boolean };

const draftOf = (settings: SignInSettings | null): Draft => ({
  enabled: settings?.enabled ?? false,
  displayName: settings?.displayName ?? '',
  issuer: settings?.issuer ?? '',
  clientId: settings?.clientId ?? '',
  defaultRole: settings?.defaultRole ?? 'agent',
  passwordSignIn: settings?.passwordSignIn ?? true,
  clientSecret: '',
  removeSecret: false,
});

/** Sign-in: the company's identity provider (OpenID Connect), the role of newcomers, passwords on or off. */
export function SignInSection({ store }: { store: AdminStore }) {
  const settings = useStore(store, (state) => state.signIn);
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(draftOf(settings)), [settings]);
  const change = (patch: Partial<Draft>) => {
    setSaved(false);
    setDraft((current) => ({ ...current, ...patch }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { clientSecret, removeSecret, ...rest } = draft;
    const secret = removeSecret ? { clientSecret: null } : clientSecret ? { clientSecret } : {};
    setSaved(await store.getState().saveSignIn({ ...rest, ...secret }));
  };

  return (
    <section className="admin-section" aria-labelledby="admin-sign-in-title">
      <header className="admin-section__header"><h3 id="admin-sign-in-title">Sign-in with your identity provider</h3></header>
      <form className="admin-form" onSubmit={(event) => void submit(event)} aria-label="Identity provider" data-testid="sign-in-settings">
        <p className="admin-muted">
          Register Warmline at your provider (Entra ID, Okta, Google Workspace, Keycloak…) as an OpenID Connect app with the authorization code flow and PKCE, and the redirect URI{' '}
          <code>{LOOPBACK_REDIRECT_REGISTERED}</code> on any port (the app listens on this computer while you sign in). People are matched by their verified email address.
        </p>
        <label className="admin-checks__option admin-form__wide">
          <input type="checkbox" checked={draft.enabled} onChange={(event) => change({ enabled: event.target.checked })} data-testid="sign-in-enabled" />
          Offer sign-in with the identity provider
        </label>
        <label className="field"><span className="field__label">Name on the button</span><input required value={draft.displayName} placeholder="Contoso ID" onChange={(event) => change({ displayName: event.target.value })} data-testid="sign-in-display-name" /></label>
        <label className="field admin-form__wide"><span className="field__label">Issuer URL</span><input required type="url" spellCheck={false} value={draft.issuer} placeholder="https://login.example.com/realms/contact-centre" onChange={(event) => change({ issuer: event.target.value })} data-testid="sign-in-issuer" /></label>
        <label className="field"><span className="field__label">Client ID</span><input required spellCheck={false} value={draft.clientId} onChange={(event) => change({ clientId: event.target.value })} data-testid="sign-in-client-id" /></label>
        <label className="field">
          <span className="field__label">Client secret <span className="field__optional">{settings?.hasClientSecret ? 'stored; type to replace' : 'optional'}</span></span>
          <input type="password" autoComplete="off" value={draft.clientSecret} disabled={draft.removeSecret} onChange={(event) => change({ clientSecret: event.target.value })} data-testid="sign-in-client-secret" />
        </label>
        {settings?.hasClientSecret ? (
          <label className="admin-checks__option admin-form__wide">
            <input type="checkbox" checked={draft.removeSecret} onChange={(event) => change({ removeSecret: event.target.checked, clientSecret: '' })} />
            Remove the stored secret (a public client)
          </label>
        ) : null}
        <label className="field">
          <span className="field__label">Role of someone signing in for the first time</span>
          <select value={draft.defaultRole} onChange={(event) => change({ defaultRole: event.target.value as Draft['defaultRole'] })} data-testid="sign-in-default-role">
            {PROVIDER_DEFAULT_ROLES.map((role) => <option key={role} value={role}>{role === 'agent' ? 'Agent' : 'Supervisor'}</option>)}
          </select>
        </label>
        <label className="admin-checks__option admin-form__wide">
          <input type="checkbox" checked={!draft.passwordSignIn} onChange={(event) => change({ passwordSignIn: !event.target.checked })} data-testid="sign-in-password-off" />
          Switch password sign-in off (admins keep theirs, to get back in if the provider is down)
        </label>
        <div className="admin-form__actions">
          <button type="submit" className="button button--primary" data-testid="sign-in-save">Check the provider and save</button>
          {saved ? <span role="status" className="admin-muted" data-testid="sign-in-saved">Saved. The sign-in screen offers “Sign in with {settings?.displayName}”{settings?.enabled ? '' : ' once switched on'}.</span> : null}
        </div>
      </form>
    </section>
  );
}
