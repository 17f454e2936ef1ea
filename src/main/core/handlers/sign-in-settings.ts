import type { SignInSettings } from '../../../shared/sign-in';
import type { Core } from '../create-core';
import type { HandlersOf } from './types';

/** Administration's sign-in page: the hub's `/v1/admin/sign-in`, which checks the role. */
export const signInSettingsHandlers = (core: Core): HandlersOf<'admin:sign-in' | 'admin:sign-in-set'> => ({
  'admin:sign-in': async () => (await core.hubCall((client, token) => client.call<{ settings: SignInSettings }>('GET', '/v1/admin/sign-in', token))).settings,
  'admin:sign-in-set': async (input) => (await core.hubCall((client, token) => client.call<{ settings: SignInSettings }>('PUT', '/v1/admin/sign-in', token, input))).settings,
});
