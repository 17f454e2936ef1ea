import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import type { Sql, SqlParams, SqlRunResult } from './sql';

interface OpenTransaction {
  active: boolean;
}

/**
 * The embedded store behind the async Sql door. better-sqlite3 runs each statement synchronously
 * on the one connection, so the only care needed is at the awaits inside a transaction: other
 * flows wait for it to end (one writer at a time, and no read sees uncommitted rows).
 */
export function sqliteSql(db: Database.Database): Sql {
  const statements = new Map<string, Database.Statement>();
  const transaction = new AsyncLocalStorage<OpenTransaction>();
  let writers: Promise<void> = Promise.resolve();
  let ended: Promise<void> | null = null;

  const prepare = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const bind = (params: SqlParams | undefined): unknown[] => (params === undefined ? [] : Array.isArray(params) ? params : [params]);
  const inTransaction = () => transaction.getStore()?.active === true;

  /**
   * Outside a transaction, a statement waits while another flow's transaction is open. The check
   * and the statement run in one tick (no await between them), so no transaction begins in between.
   */
  const mustWait = () => ended !== null && !inTransaction();

  return {
    dialect: 'sqlite',
    async all<Row>(sql: string, params?: SqlParams): Promise<Row[]> {
      while (mustWait()) await ended;
      return prepare(sql).all(...bind(params)) as Row[];
    },
    async get<Row>(sql: string, params?: SqlParams): Promise<Row | undefined> {
      while (mustWait()) await ended;
      return prepare(sql).get(...bind(params)) as Row | undefined;
    },
    async run(sql: string, params?: SqlParams): Promise<SqlRunResult> {
      while (mustWait()) await ended;
      return { changes: prepare(sql).run(...bind(params)).changes };
    },
    async write<T>(work: () => Promise<T>): Promise<T> {
      if (inTransaction()) return work();
      const previous = writers;
      let release = () => {};
      writers = new Promise((resolve) => (release = resolve));
      await previous;
      let finish = () => {};
      ended = new Promise((resolve) => (finish = resolve));
      const open: OpenTransaction = { active: true };
      try {
        prepare('BEGIN IMMEDIATE').run();
        const result = await transaction.run(open, work);
        prepare('COMMIT').run();
        return result;
      } catch (error) {
        if (db.inTransaction) prepare('ROLLBACK').run();
        throw error;
      } finally {
        open.active = false;
        ended = null;
        finish();
        release();
      }
    },
    async exec(script: string): Promise<void> {
      while (mustWait()) await ended;
      db.exec(script);
    },
    async close(): Promise<void> {
      await writers;
      db.close();
    },
  };
}
