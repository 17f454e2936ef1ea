import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ChannelName, RequestOf, ResponseOf, WarmlineApi } from '../../../shared/ipc';
import { createPeopleSlice, type PeopleSlice } from './people-slice';
import { createSetupSlice, type SetupSlice } from './setup-slice';
import { createAuditSlice, type AuditSlice } from './audit-slice';
import { createSignInSlice, type SignInSlice } from './sign-in-slice';

export const ADMIN_SECTIONS = ['people', 'queues', 'bots', 'screens', 'sign-in', 'audit'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

/** Something the hub shows once (a password code, a token, a screen's URL): kept until dismissed. */
export interface ShownOnce {
  title: string;
  note: string;
  items: { label: string; value: string }[];
}

export interface AdminCore {
  isOpen: boolean;
  section: AdminSection;
  /** The last refusal, in the hub's words; cleared by the next success. */
  error: string | null;
  shownOnce: ShownOnce | null;
  open(section?: AdminSection): void;
  close(): void;
  dismissShownOnce(): void;
  dismissError(): void;
}

export type AdminStoreState = AdminCore & PeopleSlice & SetupSlice & AuditSlice & SignInSlice;
export type AdminStore = StoreApi<AdminStoreState>;
export type AdminSet = StoreApi<AdminStoreState>['setState'];
export type AdminGet = StoreApi<AdminStoreState>['getState'];

/** One call to the core: its value, or null with the refusal put in `error` for the area to show. */
export type AdminCall = <C extends ChannelName>(channel: C, request: RequestOf<C>) => Promise<ResponseOf<C> | null>;

/** Administration: one store over the contract, in slices per part of the area. */
export function createAdminStore(api: WarmlineApi): AdminStore {
  return createStore<AdminStoreState>()((set, get) => {
    const call: AdminCall = async (channel, request) => {
      const result = await api.invoke(channel, request);
      if (!result.ok) {
        set({ error: result.error.message });
        return null;
      }
      set({ error: null });
      return result.value;
    };
    return {
      isOpen: false,
      section: 'people',
      error: null,
      shownOnce: null,
      open(section) {
        set({ isOpen: true, section: section ?? get().section, error: null });
        void get().refresh(section ?? get().section);
      },
      close: () => set({ isOpen: false }),
      dismissShownOnce: () => set({ shownOnce: null }),
      dismissError: () => set({ error: null }),
      ...createPeopleSlice(set, get, call),
      ...createSetupSlice(set, get, call),
      ...createAuditSlice(set, get, call),
      ...createSignInSlice(set, call),
    };
  });
}
