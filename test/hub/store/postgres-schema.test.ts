import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '../../../src/shared/sqlite-migrations';
import { hubMigrations } from '../../../src/hub/store/migrations';
import { createTestDatabase } from '../../support/postgres-databases';

/** Tables one store has for its own bookkeeping. */
const SQLITE_ONLY_TABLES = new Set(['sqlite_sequence']);
const POSTGRES_ONLY_TABLES = new Set(['hub_schema_version']);
/** PostgreSQL's stand-in for SQLite's `email UNIQUE COLLATE NOCASE` (a unique index on lower(email)). */
const NOCASE_UNIQUE = { table: 'users', column: 'email', index: 'users_email_nocase' };

/** SQLite's declared type to PostgreSQL's; conversation_facts.rating is declared with none and holds integers. */
const TYPES: Record<string, string> = { INTEGER: 'bigint', TEXT: 'text', REAL: 'double precision', BLOB: 'bytea', '': 'bigint' };

interface Column {
  table: string;
  column: string;
  type: string;
  notNull: boolean;
  generated: boolean;
}

let sqlite: Database.Database;
let postgres: pg.Client;

beforeAll(async () => {
  sqlite = new Database(':memory:');
  runMigrations(sqlite, hubMigrations, (found, known) => new Error(`SQLite at ${found}, newer than ${known}`));
  postgres = new pg.Client({ connectionString: await createTestDatabase() });
  await postgres.connect();
});

afterAll(async () => {
  sqlite.close();
  await postgres.end();
});

function sqliteTables(): string[] {
  return sqlite
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((row) => row.name)
    .filter((name) => !SQLITE_ONLY_TABLES.has(name));
}

async function postgresTables(): Promise<string[]> {
  const result = await postgres.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  return result.rows.map((row) => row.name).filter((name) => !POSTGRES_ONLY_TABLES.has(name));
}

function sqliteColumns(): Column[] {
  return sqliteTables().flatMap((table) =>
    sqlite
      .prepare<[string], { name: string; type: string; notnull: number; pk: number; hidden: number }>('SELECT * FROM pragma_table_xinfo(?)')
      .all(table)
      .map((column) => ({
        table,
        column: column.name,
        type: TYPES[column.type.toUpperCase()] ?? `unmapped ${column.type}`,
        // PostgreSQL's primary keys are NOT NULL; SQLite's STRICT tables refuse NULL keys too.
        notNull: column.notnull === 1 || column.pk > 0,
        generated: column.hidden === 2 || column.hidden === 3,
      })),
  );
}

async function postgresColumns(): Promise<Column[]> {
  const result = await postgres.query<{ table: string; column: string; type: string; nullable: string; generated: string }>(
    `SELECT table_name AS table, column_name AS column, data_type AS type, is_nullable AS nullable, is_generated AS generated
     FROM information_schema.columns WHERE table_schema = current_schema()`,
  );
  return result.rows
    .filter((row) => !POSTGRES_ONLY_TABLES.has(row.table))
    .map((row) => ({ table: row.table, column: row.column, type: row.type, notNull: row.nullable === 'NO', generated: row.generated === 'ALWAYS' }));
}

const byName = <T extends { table: string }>(rows: T[], key: (row: T) => string) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));

describe('the PostgreSQL schema', () => {
  it('has exactly the tables the SQLite migrations make', async () => {
    expect(await postgresTables()).toEqual(sqliteTables());
  });

  it('has every SQLite column, with the matching type, nullability and generation', async () => {
    const key = (column: Column) => `${column.table}.${column.column}`;
    expect(byName(await postgresColumns(), key)).toEqual(byName(sqliteColumns(), key));
  });

  it('has the same named indexes, unique and partial where SQLite has them so', async () => {
    const fromSqlite = sqliteTables().flatMap((table) =>
      sqlite
        .prepare<[string], { name: string; unique: number; origin: string; partial: number }>('SELECT * FROM pragma_index_list(?)')
        .all(table)
        .filter((index) => index.origin === 'c')
        .map((index) => `${table}.${index.name} unique=${index.unique === 1} partial=${index.partial === 1}`),
    );
    const fromPostgres = await postgres.query<{ line: string }>(
      `SELECT t.relname || '.' || i.relname || ' unique=' || x.indisunique || ' partial=' || (x.indpred IS NOT NULL) AS line
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
       WHERE t.relnamespace = current_schema()::regnamespace AND i.relname <> $1
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
      [NOCASE_UNIQUE.index],
    );
    expect(fromPostgres.rows.map((row) => row.line).sort()).toEqual(fromSqlite.sort());
  });

  it('has the same primary keys and unique constraints', async () => {
    const fromSqlite = sqliteTables().flatMap((table) =>
      sqlite
        .prepare<[string], { name: string; origin: string }>('SELECT * FROM pragma_index_list(?)')
        .all(table)
        .filter((index) => index.origin !== 'c')
        .map((index) => ({ columns: sqlite.prepare<[string], { name: string }>('SELECT name FROM pragma_index_info(?)').all(index.name).map((c) => c.name) }))
        .concat(sqliteRowidKey(table))
        .map(({ columns }) => `${table}(${columns.join(', ')})`)
        .filter((line) => line !== `${NOCASE_UNIQUE.table}(${NOCASE_UNIQUE.column})`),
    );
    const fromPostgres = await postgres.query<{ line: string }>(
      `SELECT t.relname || '(' || string_agg(a.attname, ', ' ORDER BY k.ordinality) || ')' AS line
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
       CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ordinality)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE c.contype IN ('p', 'u') AND t.relnamespace = current_schema()::regnamespace AND t.relname <> ALL($1)
       GROUP BY c.oid, t.relname`,
      [[...POSTGRES_ONLY_TABLES]],
    );
    expect(fromPostgres.rows.map((row) => row.line).sort()).toEqual(fromSqlite.sort());
  });

  it('has the same foreign keys, with the same ON DELETE', async () => {
    const fromSqlite = sqliteTables().flatMap((table) =>
      sqlite
        .prepare<[string], { table: string; from: string; to: string; on_delete: string }>('SELECT * FROM pragma_foreign_key_list(?)')
        .all(table)
        .map((key) => `${table}.${key.from} -> ${key.table}.${key.to} on delete ${key.on_delete.toLowerCase()}`),
    );
    const fromPostgres = await postgres.query<{ line: string }>(
      `SELECT t.relname || '.' || a.attname || ' -> ' || p.relname || '.' || pa.attname || ' on delete ' ||
         CASE c.confdeltype WHEN 'c' THEN 'cascade' WHEN 'n' THEN 'set null' WHEN 'r' THEN 'restrict' ELSE 'no action' END AS line
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class p ON p.oid = c.confrelid
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = c.conkey[1]
       JOIN pg_attribute pa ON pa.attrelid = p.oid AND pa.attnum = c.confkey[1]
       WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace`,
    );
    expect(fromPostgres.rows.map((row) => row.line).sort()).toEqual(fromSqlite.sort());
  });
});

/** An INTEGER PRIMARY KEY is the rowid itself: SQLite lists no index for it. */
function sqliteRowidKey(table: string): { columns: string[] }[] {
  const keys = sqlite.prepare<[string], { name: string; type: string; pk: number }>('SELECT name, type, pk FROM pragma_table_info(?)').all(table).filter((c) => c.pk > 0);
  const hasIndex = sqlite.prepare<[string], { origin: string }>('SELECT origin FROM pragma_index_list(?)').all(table).some((index) => index.origin === 'pk');
  return keys.length > 0 && !hasIndex ? [{ columns: keys.sort((a, b) => a.pk - b.pk).map((c) => c.name) }] : [];
}
