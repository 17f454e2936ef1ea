import Database from 'better-sqlite3';
import type { Sql, SqlValue } from './sql/sql';

/** PostgreSQL takes at most 65,535 parameters in one statement; batches stay well under. */
const MAX_PARAMETERS = 30_000;

export interface CopyReport {
  tables: { table: string; rows: number }[];
}

interface ColumnInfo {
  name: string;
}

/**
 * Copies a stopped SQLite hub's data into an empty, migrated PostgreSQL store, table by table in
 * foreign-key order, in one transaction (all or nothing), then moves each identity sequence past
 * the copied rows and checks every table's count. The schemas are kept equal by a test, so every
 * SQLite table has its PostgreSQL twin.
 */
export async function copySqliteToPostgres(sqliteFile: string, target: Sql): Promise<CopyReport> {
  const source = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  try {
    const tables = tablesInDependencyOrder(source);
    const report: CopyReport = { tables: [] };
    // One read transaction: every table is copied from the same snapshot, even if a hub still writes.
    source.exec('BEGIN');
    await target.write(async () => {
      for (const table of tables) {
        const present = await target.get<{ n: number }>(`SELECT count(*) AS n FROM ${quote(table)}`);
        if ((present?.n ?? 0) > 0) throw new Error(`PostgreSQL already holds data (table ${table}): migrate into an empty database.`);
      }
      for (const table of tables) report.tables.push({ table, rows: await copyTable(source, target, table) });
      await resetIdentities(target, tables);
      for (const { table, rows } of report.tables) {
        const copied = await target.get<{ n: number }>(`SELECT count(*) AS n FROM ${quote(table)}`);
        if ((copied?.n ?? 0) !== rows) throw new Error(`Table ${table}: ${rows} rows in SQLite but ${copied?.n ?? 0} copied.`);
      }
    });
    source.exec('COMMIT');
    return report;
  } finally {
    source.close();
  }
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function tablesInDependencyOrder(db: Database.Database): string[] {
  // Full-text indexes keep shadow tables of their own; PostgreSQL has no such tables to fill.
  const virtual = db.prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'`).all().map((row) => row.name);
  const tables = db
    .prepare<[], { name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name`,
    )
    .all()
    .map((row) => row.name)
    .filter((name) => !virtual.some((table) => name.startsWith(`${table}_`)));
  const dependsOn = new Map(
    tables.map((table) => [table, db.prepare<[string], { table: string }>('SELECT "table" FROM pragma_foreign_key_list(?)').all(table).map((row) => row.table)]),
  );
  const ordered: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (ordered.includes(table) || path.has(table)) return;
    path.add(table);
    for (const parent of dependsOn.get(table) ?? []) if (parent !== table && tables.includes(parent)) visit(parent, path);
    ordered.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return ordered;
}

async function copyTable(source: Database.Database, target: Sql, table: string): Promise<number> {
  const columns = source.prepare<[string], ColumnInfo>('SELECT name FROM pragma_table_info(?)').all(table).map((column) => column.name);
  const perBatch = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const select = source.prepare(`SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)}`).raw(true);
  let batch: SqlValue[][] = [];
  let rows = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const values = batch.map((row) => `(${row.map(() => '?').join(', ')})`).join(', ');
    await target.run(`INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) OVERRIDING SYSTEM VALUE VALUES ${values}`, batch.flat());
    rows += batch.length;
    batch = [];
  };
  for (const row of select.iterate() as IterableIterator<SqlValue[]>) {
    batch.push(row);
    if (batch.length >= perBatch) await flush();
  }
  await flush();
  return rows;
}

async function resetIdentities(target: Sql, tables: string[]): Promise<void> {
  const identities = await target.all<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')`,
  );
  for (const { table_name: table, column_name: column } of identities) {
    if (!tables.includes(table)) continue;
    await target.get(
      `SELECT setval(pg_get_serial_sequence(?, ?), coalesce((SELECT max(${quote(column)}) FROM ${quote(table)}), 0) + 1, false)`,
      [table, column],
    );
  }
}
