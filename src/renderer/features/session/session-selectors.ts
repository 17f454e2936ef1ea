import type { ConnectionState } from '../../../shared/ipc';
import type { Role, User } from '../../../shared/conversation';
import type { SessionStoreState } from './session-store';

export const selectUser = (state: SessionStoreState): User | null => state.session?.user ?? null;

export const selectRole = (state: SessionStoreState): Role | null => state.session?.user?.role ?? null;

export const selectConnection = (state: SessionStoreState): ConnectionState | null => state.session?.connection ?? null;

/** Signed in means the core knows who we are; the hub may still be unreachable (offline review). */
export const selectIsSignedIn = (state: SessionStoreState): boolean => Boolean(state.session?.user);

export const selectIsLoaded = (state: SessionStoreState): boolean => state.session !== null;
