import { useState } from 'react';
import { useStore } from 'zustand';
import type { AdminStore } from './admin-store';

const EXAMPLE = 'email,name,role,capacity,skills,languages,queues\nkim@example.com,Kim Lee,agent,3,billing,en;ko,support';

/** Paste or pick a CSV, see what it would change and every bad row, then apply it (all or nothing). */
export function ImportPanel({ store, onClose }: { store: AdminStore; onClose(): void }) {
  const preview = useStore(store, (state) => state.importPreview);
  const [csv, setCsv] = useState('');
  const actions = store.getState();
  const counts = preview ? { create: preview.rows.filter((r) => r.action === 'create').length, update: preview.rows.filter((r) => r.action === 'update').length } : null;

  return (
    <section className="admin-form" aria-labelledby="admin-import-title" data-testid="people-import">
      <h4 id="admin-import-title">Import people from CSV</h4>
      <p className="admin-muted">Columns: email, name, role, capacity, skills, languages, queues (lists separated by ;). Nothing is written until you apply.</p>
      <label className="field">
        <span className="field__label">CSV file</span>
        <input type="file" accept=".csv,text/csv" onChange={(event) => void event.target.files?.[0]?.text().then(setCsv)} />
      </label>
      <label className="field admin-form__wide">
        <span className="field__label">Or paste it</span>
        <textarea rows={5} value={csv} placeholder={EXAMPLE} onChange={(event) => setCsv(event.target.value)} data-testid="people-import-csv" />
      </label>
      <div className="admin-form__actions">
        <button type="button" className="button button--secondary" disabled={!csv.trim()} onClick={() => void actions.previewImport(csv)} data-testid="people-import-preview">Preview</button>
        <button
          type="button"
          className="button button--primary"
          disabled={!preview || preview.problems.length > 0 || (counts?.create ?? 0) + (counts?.update ?? 0) === 0}
          onClick={() => void actions.applyImport(csv).then(() => store.getState().error === null && onClose())}
          data-testid="people-import-apply"
        >
          Apply
        </button>
        <button type="button" className="button button--quiet" onClick={() => { actions.clearImport(); onClose(); }}>Cancel</button>
      </div>
      {preview ? (
        <div className="admin-form__wide" data-testid="people-import-result">
          <p role="status">
            {counts!.create} to add, {counts!.update} to change, {preview.rows.length - counts!.create - counts!.update} unchanged
            {preview.problems.length > 0 ? `; ${preview.problems.length} row(s) must be fixed first` : ''}.
          </p>
          {preview.problems.length > 0 ? (
            <ul className="admin-problems" aria-label="Rows to fix">
              {preview.problems.map((problem) => <li key={`${problem.line}:${problem.message}`}>Line {problem.line}: {problem.message}</li>)}
            </ul>
          ) : null}
          <ul className="admin-plan" aria-label="What the import changes">
            {preview.rows.filter((row) => row.action !== 'unchanged').map((row) => (
              <li key={row.line}>Line {row.line}: {row.action === 'create' ? 'add' : `change ${row.changes.join(', ')} of`} {row.email}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
