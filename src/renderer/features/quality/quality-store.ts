import { createStore, type StoreApi } from 'zustand/vanilla';
import type { WarmlineApi } from '../../../shared/ipc';
import type { DrillDownResult, DrillFigure, HandoffQualityReport, Journey, MetricsCsvFile, MetricsFilter, MetricsTable } from '../../../shared/metrics';

/** The filter form as typed: days as `<input type="date">` gives them (YYYY-MM-DD, `to` inclusive), '' for none. */
export interface QualityFilters {
  from: string;
  to: string;
  queue: string;
  intent: string;
  agent: string;
  channel: string;
}

export interface QualityStoreState {
  filters: QualityFilters;
  report: HandoffQualityReport | null;
  isLoading: boolean;
  error: string | null;
  drill: { figure: DrillFigure; result: DrillDownResult | null; error: string | null } | null;
  journey: { id: string; journey: Journey | null; error: string | null } | null;
  load(): Promise<void>;
  filterBy(patch: Partial<QualityFilters>): void;
  drillInto(figure: DrillFigure): Promise<void>;
  closeDrill(): void;
  openJourney(id: string): Promise<void>;
  closeJourney(): void;
  /** The table as a CSV file, or null (and `error`) when the core refused. */
  exportTable(table: MetricsTable): Promise<MetricsCsvFile | null>;
}

export type QualityStore = StoreApi<QualityStoreState>;

const DAY_MS = 24 * 3600_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The last seven days, today included. */
export const defaultFilters = (now: number): QualityFilters => ({ from: day(now - 6 * DAY_MS), to: day(now), queue: '', intent: '', agent: '', channel: '' });

/** The form's days as the hub's [from, to) instants: the `to` day is included whole. */
export function toQuery(filters: QualityFilters): MetricsFilter {
  const words = (['queue', 'intent', 'agent', 'channel'] as const)
    .map((key) => [key, filters[key].trim()] as const)
    .filter(([, value]) => value !== '');
  return {
    ...(filters.from ? { from: `${filters.from}T00:00:00.000Z` } : {}),
    ...(filters.to ? { to: new Date(Date.parse(`${filters.to}T00:00:00.000Z`) + DAY_MS).toISOString() } : {}),
    ...Object.fromEntries(words),
  };
}

export function createQualityStore(api: WarmlineApi, now: () => number = Date.now): QualityStore {
  // Answers to an older request must not overwrite a newer one's.
  let generation = 0;
  return createStore<QualityStoreState>()((set, get) => ({
    filters: defaultFilters(now()),
    report: null,
    isLoading: false,
    error: null,
    drill: null,
    journey: null,
    async load() {
      const mine = ++generation;
      set({ isLoading: true, error: null });
      const result = await api.invoke('metrics:report', toQuery(get().filters));
      if (mine !== generation) return;
      set(result.ok ? { report: result.value, isLoading: false } : { isLoading: false, error: result.error.message });
    },
    filterBy(patch) {
      set({ filters: { ...get().filters, ...patch }, drill: null });
      void get().load();
    },
    async drillInto(figure) {
      set({ drill: { figure, result: null, error: null } });
      const result = await api.invoke('metrics:conversations', { ...toQuery(get().filters), figure });
      if (get().drill?.figure !== figure) return;
      set({ drill: result.ok ? { figure, result: result.value, error: null } : { figure, result: null, error: result.error.message } });
    },
    closeDrill() {
      set({ drill: null });
    },
    async openJourney(id) {
      set({ journey: { id, journey: null, error: null } });
      const result = await api.invoke('journey:get', { id });
      if (get().journey?.id !== id) return;
      set({ journey: result.ok ? { id, journey: result.value, error: null } : { id, journey: null, error: result.error.message } });
    },
    closeJourney() {
      set({ journey: null });
    },
    async exportTable(table) {
      const result = await api.invoke('metrics:csv', { ...toQuery(get().filters), table });
      if (result.ok) return result.value;
      set({ error: result.error.message });
      return null;
    },
  }));
}
