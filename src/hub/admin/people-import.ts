import { CsvError, parse } from 'csv-parse/sync';
import { personInputSchema, type ImportPreview, type ImportProblem, type ImportRowPlan, type PasswordCode, type Person, type PersonInput } from '../../shared/admin';
import { parseWith } from '../../shared/validation';
import type { Actor, Administration } from './administration';
import type { People } from './people';
import { referenceProblems } from './references';

/** The columns an import reads; lists inside a cell are separated by `;`. */
export const IMPORT_COLUMNS = ['email', 'name', 'role', 'capacity', 'skills', 'languages', 'queues'] as const;
const REQUIRED = ['email', 'name', 'role'];
const MAX_ROWS = 5000;

type Row = { line: number; input: PersonInput; existing: Person | null };

const list = (cell: string | undefined) => (cell ?? '').split(';').map((part) => part.trim()).filter(Boolean);

/** What differs between a person and an import row, by field name. */
function changedFields(person: Person, input: PersonInput): string[] {
  const sameList = (a: readonly string[], b: readonly string[]) => [...a].sort().join('\n') === [...b].sort().join('\n');
  const changed: string[] = [];
  if (person.name !== input.name) changed.push('name');
  if (person.role !== input.role) changed.push('role');
  if (person.capacity !== input.capacity) changed.push('capacity');
  if (!sameList(person.skills, input.skills)) changed.push('skills');
  if (!sameList(person.languages, input.languages)) changed.push('languages');
  if (!sameList(person.queues, input.queues)) changed.push('queues');
  return changed;
}

function readCsv(csv: string, problems: ImportProblem[]): { line: number; cells: Record<string, string> }[] {
  try {
    const records = parse(csv, {
      columns: (header: string[]) => {
        const names = header.map((name) => name.trim().toLowerCase());
        const unknown = names.filter((name) => !(IMPORT_COLUMNS as readonly string[]).includes(name));
        const missing = REQUIRED.filter((name) => !names.includes(name));
        if (unknown.length > 0) problems.push({ line: 1, message: `unknown column(s): ${unknown.join(', ')}; the columns are ${IMPORT_COLUMNS.join(', ')}` });
        if (missing.length > 0) problems.push({ line: 1, message: `missing column(s): ${missing.join(', ')}` });
        return names;
      },
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error) problems.push({ line: Number(error.lines ?? 1), message: `a different number of cells than the header (${error.message.replace(/^Invalid Record Length: /, '')})` });
        return undefined;
      },
    }) as { record: Record<string, string>; info: { lines: number } }[];
    return records.map(({ record, info }) => ({ line: info.lines, cells: record }));
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    problems.push({ line: (error as CsvError & { lines?: number }).lines ?? 1, message: error.message });
    return [];
  }
}

/**
 * Reads a CSV of people into a preview: per row, create / update (with the fields that change) /
 * unchanged, and every bad row named by its line. Applying writes all rows or none.
 */
export async function planImport(admin: Administration, csv: string) {
  const problems: ImportProblem[] = [];
  const records = readCsv(csv, problems);
  if (records.length > MAX_ROWS) problems.push({ line: 1, message: `at most ${MAX_ROWS} people per import (got ${records.length})` });
  const rows: Row[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of records) {
    const existing = cells.email ? await admin.users.personByEmail(cells.email.trim().toLowerCase()) : null;
    const parsed = parseWith(personInputSchema, {
      email: cells.email ?? '',
      name: cells.name ?? '',
      role: cells.role?.toLowerCase() ?? '',
      capacity: cells.capacity ? Number(cells.capacity) : (existing?.capacity ?? 3),
      skills: cells.skills !== undefined ? list(cells.skills) : (existing?.skills ?? []),
      languages: cells.languages !== undefined ? list(cells.languages) : (existing?.languages ?? []),
      queues: cells.queues !== undefined ? list(cells.queues) : (existing?.queues ?? []),
    });
    const rowProblems = parsed.ok ? await referenceProblems(admin, parsed.value) : parsed.problems;
    const earlier = parsed.ok ? seen.get(parsed.value.email) : undefined;
    if (earlier !== undefined) rowProblems.push({ path: 'email', message: `the same person is on line ${earlier}` });
    if (existing && existing.role !== 'agent' && existing.role !== 'supervisor' && existing.role !== 'admin') rowProblems.push({ path: 'email', message: 'belongs to a wall screen' });
    if (!parsed.ok || rowProblems.length > 0) {
      problems.push({ line, message: rowProblems.map((problem) => `${problem.path}: ${problem.message}`).join('; ') });
      continue;
    }
    seen.set(parsed.value.email, line);
    rows.push({ line, input: parsed.value, existing });
  }
  const demoted = rows.filter((row) => row.existing?.role === 'admin' && row.existing.isActive && row.input.role !== 'admin');
  if (demoted.length > 0 && demoted.length >= (await admin.users.activeAdminCount())) {
    for (const row of demoted) problems.push({ line: row.line, message: 'role: this would leave the hub without an active admin' });
  }

  const plans: ImportRowPlan[] = rows.map(({ line, input, existing }) => {
    if (!existing) return { line, email: input.email, action: 'create', changes: [] };
    const changes = changedFields(existing, input);
    return { line, email: input.email, action: changes.length > 0 ? 'update' : 'unchanged', changes };
  });
  const preview: Omit<ImportPreview, 'isApplied'> = { rows: plans, problems: problems.sort((a, b) => a.line - b.line) };

  return {
    preview,
    /**
     * Writes every row in one write; returns the one-time codes of the people it created. Each row
     * is checked again there (an email taken since the preview refuses the whole import).
     */
    apply(actor: Actor, people: People): Promise<{ email: string; passwordCode: PasswordCode }[]> {
      return admin.db.write(async () => {
        const codes: { email: string; passwordCode: PasswordCode }[] = [];
        for (const row of rows) {
          if (!row.existing) {
            codes.push({ email: row.input.email, passwordCode: (await people.add(actor, row.input)).passwordCode });
          } else if (changedFields(row.existing, row.input).length > 0) {
            const { email: _email, ...patch } = row.input;
            await people.update(actor, row.existing.id, patch);
          }
        }
        return codes;
      });
    },
  };
}
