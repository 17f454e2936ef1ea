/* eslint-disable @typescript-eslint/no-require-imports -- a --require preload is CommonJS, and must be to run in worker threads */
// Preloaded with `node --require` (which, unlike --import, also runs in worker threads): every
// native addon and every better-sqlite3 database opened, in any thread, goes to the report.
const { appendFileSync } = require('node:fs');
const Module = require('node:module');
const { isMainThread } = require('node:worker_threads');

const report = (event) => appendFileSync(process.env.WARMLINE_STAND_IN_REPORT, `${JSON.stringify({ ...event, isMainThread })}\n`);

const dlopen = process.dlopen;
process.dlopen = function recordDlopen(module, filename, ...rest) {
  report({ event: 'dlopen', file: filename });
  return dlopen.call(this, module, filename, ...rest);
};

const wrapped = new WeakMap();
const load = Module._load;
Module._load = function loadRecordingDatabases(request, parent, isMain) {
  const loaded = load.call(this, request, parent, isMain);
  if (!/(^|[\\/])better-sqlite3([\\/]lib[\\/]index\.js)?$/.test(request) || typeof loaded !== 'function') return loaded;
  if (!wrapped.has(loaded)) {
    const Database = loaded;
    const recording = function RecordingDatabase(file, options) {
      report({ event: 'database', file: String(file), nativeBinding: options?.nativeBinding ?? null });
      return new Database(file, options);
    };
    Object.setPrototypeOf(recording, Database);
    recording.prototype = Database.prototype;
    wrapped.set(loaded, recording);
  }
  return wrapped.get(loaded);
};
