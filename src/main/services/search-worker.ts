/**
 * The search worker's code. It runs in a worker_threads Worker started from this string
 * (`eval: true`), so it needs no bundler entry of its own and runs the same under tsx, vitest and
 * the electron-vite bundle. It is plain CommonJS and deliberately dumb: one read-only connection
 * (WAL lets it read while the core writes), statements prepared once, rows sent back as they are.
 * Building the SQL and reading the rows stay in the core (src/main/cache/search.ts), so there is
 * one search implementation, not two.
 *
 * workerData: { driver: path of the better-sqlite3 module, file: the cache, nativeBinding?: path }
 * in:  { id, sql, bindings }   out: { id, rows } | { id, error }
 */
export const SEARCH_WORKER_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, {
  readonly: true,
  fileMustExist: true,
  ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}),
});
db.pragma('busy_timeout = 5000');
const statements = new Map();
parentPort.on('message', (request) => {
  try {
    let statement = statements.get(request.sql);
    if (!statement) {
      statement = db.prepare(request.sql);
      if (!statement.readonly) throw new Error('the search worker runs queries only');
      statements.set(request.sql, statement);
    }
    parentPort.postMessage({ id: request.id, rows: statement.all(request.bindings) });
  } catch (error) {
    parentPort.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
parentPort.postMessage({ ready: true });
`;
