import { useEffect, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import type { AuditEntry } from '../../../shared/admin';
import type { AdminStore } from './admin-store';

/** Saves the CSV through the browser's own download (a link is not a fetch: the CSP needs nothing more). */
function download(file: { fileName: string; csv: string }): void {
  const url = URL.createObjectURL(new Blob([file.csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** What changed, field by field, as plain text (values are shown as text, never as markup). */
function changes(entry: AuditEntry): string {
  const before = (entry.before ?? {}) as Record<string, unknown>;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
  if (!entry.before) {
    return Object.entries(after)
      .filter(([key, value]) => key !== 'id' && value !== null && !(Array.isArray(value) && value.length === 0))
      .map(([key, value]) => `${key}: ${shown(value)}`)
      .join('; ');
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) => `${key}: ${JSON.stringify(before[key]) ?? '—'} → ${JSON.stringify(after[key]) ?? '—'}`)
    .join('; ');
}

function RetentionForm({ store }: { store: AdminStore }) {
  const retention = useStore(store, (state) => state.retention);
  const [hubDays, setHubDays] = useState('');
  const [cacheDays, setCacheDays] = useState('90');
  useEffect(() => {
    if (!retention) return;
    setHubDays(retention.hubDays === null ? '' : String(retention.hubDays));
    setCacheDays(String(retention.desktopCacheDays));
  }, [retention]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void store.getState().saveRetention({ hubDays: hubDays.trim() ? Number(hubDays) : null, desktopCacheDays: Number(cacheDays) });
  };
  return (
    <form className="admin-inline" onSubmit={submit} aria-label="Retention">
      <label className="field"><span className="field__label">Hub keeps closed chats (days) <span className="field__optional">blank: always</span></span><input type="number" min={1} value={hubDays} onChange={(event) => setHubDays(event.target.value)} data-testid="retention-hub" /></label>
      <label className="field"><span className="field__label">Desktop cache keeps (days)</span><input type="number" min={1} required value={cacheDays} onChange={(event) => setCacheDays(event.target.value)} data-testid="retention-cache" /></label>
      <button type="submit" className="button button--secondary" data-testid="retention-save">Save retention</button>
    </form>
  );
}

/** Every admin change, newest first, with its CSV export; and how long data is kept. */
export function AuditSection({ store }: { store: AdminStore }) {
  const audit = useStore(store, (state) => state.audit);
  const hasMore = useStore(store, (state) => state.auditNextBefore !== null);
  return (
    <section className="admin-section" aria-labelledby="admin-audit-title">
      <header className="admin-section__header">
        <h3 id="admin-audit-title">Audit log</h3>
        <button type="button" className="button button--secondary" onClick={() => void store.getState().exportAudit().then((file) => file && download(file))} data-testid="audit-export">Export CSV</button>
      </header>
      <table className="admin-table" data-testid="audit-table">
        <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Target</th><th scope="col">Change</th></tr></thead>
        <tbody>
          {audit.map((entry) => (
            <tr key={entry.seq} data-testid="audit-row">
              <td>{new Date(entry.at).toLocaleString()}</td>
              <td>{entry.actor.name}</td>
              <td className="admin-table__action">{entry.action}</td>
              <td>{entry.target.kind} {entry.target.id}</td>
              <td className="admin-table__change">{changes(entry)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {hasMore ? <button type="button" className="button button--quiet" onClick={() => void store.getState().loadMoreAudit()}>Older entries</button> : null}
      <h3>Retention</h3>
      <RetentionForm store={store} />
    </section>
  );
}
