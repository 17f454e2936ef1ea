import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Preferences, SessionState, WarmlineApi } from '../../../shared/ipc';
import type { SignInOptions } from '../../../shared/sign-in';

export interface SignInForm {
  hubUrl: string;
  email: string;
  password: string;
}

export interface SessionStoreState {
  /** Null until the core has answered `session:get` once. */
  session: SessionState | null;
  isSigningIn: boolean;
  signInError: string | null;
  loadError: string | null;
  load(): Promise<void>;
  signIn(form: SignInForm): Promise<boolean>;
  /** What the hub offers: its identity provider by name, whether passwords work; null until known. */
  signInOptions: SignInOptions | null;
  /** A sign-in in the browser under way: its URL, and whether the system browser already shows it. */
  providerSignIn: { authorizationUrl: string; isOpened: boolean } | null;
  loadSignInOptions(hubUrl: string): Promise<void>;
  /** `openTab` shows the provider's page when the core could not open a browser (browser mode). */
  signInWithProvider(hubUrl: string, openTab: (url: string) => void): Promise<boolean>;
  cancelProviderSignIn(): Promise<void>;
  signOut(): Promise<void>;
  /** Reconnect to the hub now instead of waiting for the backoff. */
  retryNow(): Promise<void>;
  /** Why the last presence or preference change failed, if it did. */
  settingError: string | null;
  goAvailable(): Promise<void>;
  /** Away from routing, with one of the hub's reasons when the agent gives one. */
  goAway(reason?: string): Promise<void>;
  changePreferences(change: Partial<Preferences>): Promise<void>;
}

export type SessionStore = StoreApi<SessionStoreState>;

export function createSessionStore(api: WarmlineApi): SessionStore {
  const store = createStore<SessionStoreState>()((set, get) => ({
    session: null,
    isSigningIn: false,
    signInError: null,
    loadError: null,
    settingError: null,

    async load() {
      const result = await api.invoke('session:get', undefined);
      if (result.ok) set({ session: result.value, loadError: null });
      else set({ loadError: result.error.message });
    },

    async signIn(form) {
      if (get().isSigningIn) return false;
      const hubUrl = form.hubUrl.trim();
      set({ isSigningIn: true, signInError: null });
      const result = await api.invoke('session:sign-in', {
        email: form.email.trim(),
        password: form.password,
        ...(hubUrl ? { hubUrl } : {}),
      });
      if (!result.ok) {
        set({ isSigningIn: false, signInError: result.error.message || 'Sign-in failed.' });
        return false;
      }
      set({ isSigningIn: false, session: result.value });
      return true;
    },

    signInOptions: null,
    providerSignIn: null,

    async loadSignInOptions(hubUrl) {
      const result = await api.invoke('session:sign-in-options', hubUrl.trim() ? { hubUrl: hubUrl.trim() } : {});
      // A hub that cannot be asked offers passwords: the password sign-in says why it fails.
      set({ signInOptions: result.ok ? result.value : null });
    },

    async signInWithProvider(hubUrl, openTab) {
      if (get().isSigningIn) return false;
      const request = hubUrl.trim() ? { hubUrl: hubUrl.trim() } : {};
      set({ isSigningIn: true, signInError: null });
      const started = await api.invoke('session:provider-start', request);
      if (!started.ok) {
        set({ isSigningIn: false, signInError: started.error.message });
        return false;
      }
      set({ providerSignIn: started.value });
      if (!started.value.isOpened) openTab(started.value.authorizationUrl);
      const result = await api.invoke('session:provider-wait', undefined);
      // Cancelled, or replaced by a newer start: that one's answer is the one to show.
      if (get().providerSignIn !== started.value) return result.ok;
      if (!result.ok) {
        set({ isSigningIn: false, providerSignIn: null, signInError: result.error.code === 'cancelled' ? null : result.error.message });
        return false;
      }
      set({ isSigningIn: false, providerSignIn: null, session: result.value });
      return true;
    },

    async cancelProviderSignIn() {
      set({ isSigningIn: false, providerSignIn: null, signInError: null });
      await api.invoke('session:provider-cancel', undefined);
    },

    async signOut() {
      const result = await api.invoke('session:sign-out', undefined);
      if (result.ok) set({ session: result.value, signInError: null });
    },

    async retryNow() {
      const result = await api.invoke('session:retry-now', undefined);
      if (result.ok) set({ session: result.value });
    },

    async goAvailable() {
      const result = await api.invoke('presence:set', { presence: 'available' });
      set(result.ok ? { session: result.value, settingError: null } : { settingError: result.error.message });
    },

    async goAway(reason) {
      const result = await api.invoke('presence:set', reason ? { presence: 'away', reason } : { presence: 'away' });
      set(result.ok ? { session: result.value, settingError: null } : { settingError: result.error.message });
    },

    async changePreferences(change) {
      const result = await api.invoke('preferences:set', change);
      set(result.ok ? { session: result.value, settingError: null } : { settingError: result.error.message });
    },
  }));

  api.onEvent((event) => {
    if (event.type === 'session:changed') store.setState({ session: event.session });
  });
  return store;
}
