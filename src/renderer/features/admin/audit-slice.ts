import type { AuditEntry, Retention } from '../../../shared/admin';
import type { AdminCall, AdminGet, AdminSet } from './admin-store';

export interface AuditSlice {
  audit: AuditEntry[];
  auditNextBefore: number | null;
  retention: Retention | null;
  loadAudit(): Promise<void>;
  loadMoreAudit(): Promise<void>;
  exportAudit(): Promise<{ fileName: string; csv: string } | null>;
  saveRetention(retention: Retention): Promise<boolean>;
}

export function createAuditSlice(set: AdminSet, get: AdminGet, call: AdminCall): AuditSlice {
  return {
    audit: [],
    auditNextBefore: null,
    retention: null,
    async loadAudit() {
      const [page, retention] = await Promise.all([call('admin:audit', {}), call('admin:retention', undefined)]);
      if (page) set({ audit: page.entries, auditNextBefore: page.nextBefore });
      if (retention) set({ retention });
    },
    async loadMoreAudit() {
      const before = get().auditNextBefore;
      if (before === null) return;
      const page = await call('admin:audit', { before });
      if (page) set({ audit: [...get().audit, ...page.entries], auditNextBefore: page.nextBefore });
    },
    exportAudit: () => call('admin:audit-csv', undefined),
    async saveRetention(retention) {
      const saved = await call('admin:retention-set', retention);
      if (saved) {
        set({ retention: saved });
        await get().loadAudit();
      }
      return saved !== null;
    },
  };
}
