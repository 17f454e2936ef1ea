import type { AuditEntry } from './admin';
import { csvCell } from './metrics-csv';

const HEADER = ['seq', 'at', 'actor_id', 'actor_name', 'action', 'target_kind', 'target_id', 'before', 'after'];
const json = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

/** The audit log as CSV (RFC 4180, formula-safe cells), oldest first; the hub's export and the app's are the same file. */
export function auditCsv(entries: Iterable<AuditEntry>): string {
  const lines = [HEADER.join(',')];
  for (const entry of entries) {
    lines.push([entry.seq, entry.at, entry.actor.id, entry.actor.name, entry.action, entry.target.kind, entry.target.id, json(entry.before), json(entry.after)].map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export const auditCsvFileName = (at: Date): string => `warmline-audit-${at.toISOString().slice(0, 10)}.csv`;
