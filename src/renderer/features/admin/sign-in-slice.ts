import type { SignInSettings, SignInSettingsInput } from '../../../shared/sign-in';
import type { AdminCall, AdminSet } from './admin-store';

export interface SignInSlice {
  /** The identity provider settings as the hub keeps them (the secret only as "stored"). */
  signIn: SignInSettings | null;
  loadSignIn(): Promise<void>;
  saveSignIn(input: SignInSettingsInput): Promise<boolean>;
}

export function createSignInSlice(set: AdminSet, call: AdminCall): SignInSlice {
  return {
    signIn: null,
    async loadSignIn() {
      const signIn = await call('admin:sign-in', undefined);
      if (signIn) set({ signIn });
    },
    async saveSignIn(input) {
      const signIn = await call('admin:sign-in-set', input);
      if (signIn) set({ signIn });
      return signIn !== null;
    },
  };
}
