import type { User } from '../../shared/conversation';
import type { Profile } from '../cache/profile';

/**
 * After sign-out the profile row stays with an empty token: it records whose conversations the
 * cache holds, so the same user finds them again and a different user gets a wiped cache.
 */
export const SIGNED_OUT_TOKEN = '';

export const signedIn = (stored: Profile | null): Profile | null => (stored && stored.token !== SIGNED_OUT_TOKEN ? stored : null);

export const sameAccount = (owner: Profile, user: User, hubUrl: string): boolean =>
  owner.user.id === user.id && owner.user.email === user.email && new URL(owner.hubUrl).origin === new URL(hubUrl).origin;
