import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { translatePlaceholders, valuesFor } from './placeholders';
import { StoreSchemaChangedError, StoreUnavailableError, type Sql, type SqlParams, type SqlRunResult, type SqlValue } from './sql';

/** The key of the advisory lock every writing transaction of the floor takes (any 64-bit number, fixed). */
export const WRITER_LOCK_KEY = 7_746_101_118_105;

const MAX_PREPARED = 1000;

interface OpenTransaction {
  client: pg.PoolClient;
  active: boolean;
}

/**
 * Results read as the SQLite store's do: 64-bit integers (counts, sequences) and numerics as
 * numbers, booleans as 1 and 0, JSON as its text, so repositories need no per-store conversions.
 */
const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === pg.types.builtins.JSON || oid === pg.types.builtins.JSONB) return (value: string) => value;
    if (oid === pg.types.builtins.INT8) return (value: string) => Number(value);
    if (oid === pg.types.builtins.NUMERIC) return (value: string) => Number(value);
    if (oid === pg.types.builtins.BOOL) return (value: string) => (value === 't' ? 1 : 0);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/**
 * PostgreSQL text cannot hold U+0000, which a hostile customer can type: it is stored as U+FFFD
 * (the replacement character), the same way on every write and lookup, instead of failing the write.
 */
const storable = (value: SqlValue): SqlValue => (typeof value === 'string' && value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value);

/** Errors that mean "the database is not there right now" rather than "this statement is wrong". */
export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  // ENOENT: the server's Unix socket is gone (it is stopped). 57P0x: shutting down or starting up; 53300: no free connection.
  if (['ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', '57P01', '57P02', '57P03', '53300'].includes(code)) return true;
  if (code.startsWith('08')) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/i.test(message);
}

const unavailableOr = (error: unknown): unknown => (isUnavailable(error) ? new StoreUnavailableError(error) : error);

/**
 * A prepared statement whose result changed shape under it ("cached plan must not change result
 * type"): another replica's migration added a column to a table it reads with `*`.
 */
const isStalePlan = (error: unknown): boolean =>
  (error as { code?: string } | null)?.code === '0A000' && /cached plan must not change result type/.test(error instanceof Error ? error.message : '');

export interface PostgresSqlOptions {
  connectionString: string;
  /** Connections this process keeps (default 10). */
  max?: number;
  /** How long a request waits for a connection before the hub answers 503 (default 5 s). */
  connectionTimeoutMs?: number;
}

export function createPostgresPool(options: PostgresSqlOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000,
    types,
  });
  // An idle client losing its server (PostgreSQL restarting) is reported here; the next query reconnects.
  pool.on('error', () => {});
  return pool;
}

/** A team's store on PostgreSQL; statements are prepared once per connection under a stable name. */
export function postgresSql(pool: pg.Pool): Sql {
  const transaction = new AsyncLocalStorage<OpenTransaction>();
  const names = new Map<string, string>();
  let named = 0;
  // Each name is a prepared statement on every connection of the pool, never freed: constants only,
  // so texts built per call (a batch of n rows) past the cap run unnamed.
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (!name && names.size < MAX_PREPARED) {
      named += 1;
      name = `w${named}`;
      names.set(text, name);
    }
    return name;
  };

  let writers: Promise<void> = Promise.resolve();

  async function transact<T>(work: () => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw unavailableOr(error);
    }
    const open: OpenTransaction = { client, active: true };
    let broken: Error | undefined;
    // pg-pool stops listening to a client it lends out: a server that dies mid-transaction would
    // otherwise be an unhandled 'error' that ends the process. The query under way rejects anyway.
    const lost = (error: Error) => {
      broken = error;
    };
    client.on('error', lost);
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [WRITER_LOCK_KEY]);
      const result = await transaction.run(open, work);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollback: unknown) => {
        broken = rollback instanceof Error ? rollback : new Error(String(rollback));
      });
      throw unavailableOr(error);
    } finally {
      open.active = false;
      client.off('error', lost);
      client.release(broken);
    }
  }

  /** The open write's client for statements inside it, the pool for everything else. */
  const connection = (): pg.Pool | pg.PoolClient => {
    const open = transaction.getStore();
    return open?.active ? open.client : pool;
  };

  async function query<Row>(sql: string, params: SqlParams | undefined): Promise<pg.QueryResult & { rows: Row[] }> {
    const translated = translatePlaceholders(sql);
    const values = valuesFor(translated, params).map(storable);
    const run = () => connection().query<Row & pg.QueryResultRow>({ name: nameOf(translated.text), text: translated.text, values });
    try {
      return await run();
    } catch (error) {
      if (!isStalePlan(error)) throw unavailableOr(error);
      // A new name prepares the statement afresh on every connection. Outside a write it runs again
      // at once; inside one the transaction is already aborted, so the caller gets a 503 to retry.
      names.delete(translated.text);
      if (transaction.getStore()?.active) throw new StoreSchemaChangedError(error);
      try {
        return await run();
      } catch (again) {
        throw unavailableOr(again);
      }
    }
  }

  return {
    dialect: 'postgres',
    async all<Row>(sql: string, params?: SqlParams): Promise<Row[]> {
      return (await query<Row>(sql, params)).rows;
    },
    async get<Row>(sql: string, params?: SqlParams): Promise<Row | undefined> {
      return (await query<Row>(sql, params)).rows[0];
    },
    async run(sql: string, params?: SqlParams): Promise<SqlRunResult> {
      return { changes: (await query(sql, params)).rowCount ?? 0 };
    },
    async write<T>(work: () => Promise<T>): Promise<T> {
      if (transaction.getStore()?.active) return work();
      // One writer of this replica at a time waits for the floor's lock, on one connection: the
      // others wait here and leave the pool's connections to reads.
      const previous = writers;
      let done = () => {};
      writers = new Promise((resolve) => (done = resolve));
      try {
        await previous;
        return await transact(work);
      } finally {
        done();
      }
    },
    async exec(script: string): Promise<void> {
      try {
        await connection().query(script);
      } catch (error) {
        throw unavailableOr(error);
      }
    },
    async close(): Promise<void> {
      await pool.end();
    },
  };
}
