import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Preferences, SessionState, WarmlineApi } from '../../../shared/ipc';

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
  signOut(): Promise<void>;
  /** Reconnect to the hub now instead of waiting for the backoff. */
  retryNow(): Promise<void>;
  /** Why the last presence or preference change failed, if it did. */
  settingError: string | null;
  goAvailable(): Promise<void>;
  goAway(): Promise<void>;
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

    async goAway() {
      const result = await api.invoke('presence:set', { presence: 'away' });
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
