/**
 * The hub's one door to its store, the same on SQLite (embedded, one process) and PostgreSQL
 * (a team's hub, any number of replicas). Repositories write their SQL once against it; where the
 * two dialects differ, they branch on `dialect` in that one statement.
 */
export type SqlValue = string | number | bigint | null | Uint8Array;

/** Positional (`?`) or named (`@name`) parameters, as better-sqlite3 binds them. */
export type SqlParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;

export interface SqlRunResult {
  /** Rows the statement inserted, updated or deleted. */
  changes: number;
}

export type SqlDialect = 'sqlite' | 'postgres';

export interface Sql {
  readonly dialect: SqlDialect;
  all<Row>(sql: string, params?: SqlParams): Promise<Row[]>;
  get<Row>(sql: string, params?: SqlParams): Promise<Row | undefined>;
  run(sql: string, params?: SqlParams): Promise<SqlRunResult>;
  /**
   * Runs `work` as one transaction, serialised with every other writer of the floor (on
   * PostgreSQL across replicas, by a transaction-scoped advisory lock), so what it reads is what
   * it commits against and the event log's sequence becomes visible in commit order. Every
   * statement `work` runs through this Sql joins the transaction; a nested `write` joins it too.
   */
  write<T>(work: () => Promise<T>): Promise<T>;
  /** Statements without parameters, separated by semicolons (schema steps). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
}

/** The store cannot be reached (PostgreSQL down or restarting): routes answer 503, clients retry. */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The hub cannot reach its database right now; try again shortly.', { cause });
    this.name = 'StoreUnavailableError';
  }
}

/** A write met a statement prepared before another replica changed the schema: retried, it runs re-prepared (503 too). */
export class StoreSchemaChangedError extends StoreUnavailableError {
  constructor(cause: unknown) {
    super(cause);
    this.message = "The hub's database schema changed under a statement (another replica upgraded it); try again.";
    this.name = 'StoreSchemaChangedError';
  }
}
