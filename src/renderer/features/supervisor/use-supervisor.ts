import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context';
import type { SupervisorStoreState } from './supervisor-store';

export const useSupervisor = <T,>(selector: (state: SupervisorStoreState) => T): T => useStore(useStores().supervisor, selector);
