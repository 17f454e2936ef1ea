// Runs after `npm install`, and as `npm run rebuild:electron`. On a machine that can download
// Electron it installs Electron's binary (its own install script is not allowed to run: see
// allowScripts) and builds better-sqlite3 for Electron's ABI into .electron-native, beside the Node
// build that tests and browser mode load. @electron/rebuild does the build: Electron's prebuilt
// binary when one fits, else node-gyp against Electron's headers (spawned through Node itself, so
// it needs no shell on Windows). The result is loaded inside Electron before it is called built.
//
// A failure is printed in full. After `npm install` it does not fail the install (browser mode and
// the tests need neither part); `npm run rebuild:electron` (--strict) exits non-zero.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = process.cwd();
const isStrict = process.argv.includes('--strict');
const say = (message) => console.log(`warmline postinstall: ${message}`);

// Where src/main/shell/native-sqlite.ts looks for it.
const nativeRoot = join(root, '.electron-native');
const moduleDir = join(nativeRoot, 'node_modules/better-sqlite3');
const binding = join(moduleDir, 'build/Release/better_sqlite3.node');

const BUILD_HINT = 'a C++ toolchain is needed when no prebuilt better-sqlite3 fits this Electron';
const DOWNLOAD_HINT = "it needs Electron's download host (github.com), or a mirror in ELECTRON_MIRROR";

function fail(step, error, hint = BUILD_HINT) {
  const detail = error instanceof Error ? error.message : String(error);
  console.error(
    [
      '',
      '================ Warmline: the desktop app is NOT ready ================',
      `Step that failed: ${step}`,
      detail,
      '',
      `What to do: see README.md, "Troubleshooting" for your OS (${hint}),`,
      'then run `npm run rebuild:electron`.',
      '`npm run serve` (browser mode) and `npm test` work without it.',
      '=========================================================================',
      '',
    ].join('\n'),
  );
  process.exit(isStrict ? 1 : 0);
}

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  say('ELECTRON_SKIP_BINARY_DOWNLOAD is set: skipping Electron and its SQLite build (browser mode and tests work without them).');
  process.exit(isStrict ? 1 : 0);
}

let electronBinary;
try {
  execFileSync(process.execPath, [require.resolve('electron/install.js')], { stdio: 'inherit' });
  // In Node, require('electron') is the path of the binary it installed.
  electronBinary = require('electron');
} catch (error) {
  fail('downloading the Electron binary', error, DOWNLOAD_HINT);
}

const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const sqliteVersion = JSON.parse(readFileSync(require.resolve('better-sqlite3/package.json'), 'utf8')).version;
try {
  // A project of its own holding only better-sqlite3, so the Node build in node_modules is never touched.
  rmSync(nativeRoot, { recursive: true, force: true });
  mkdirSync(nativeRoot, { recursive: true });
  writeFileSync(join(nativeRoot, 'package.json'), JSON.stringify({ name: 'warmline-electron-native', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }, null, 2));
  const source = join(root, 'node_modules/better-sqlite3');
  cpSync(source, moduleDir, { recursive: true, filter: (path) => !path.startsWith(join(source, 'build')) });
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: nativeRoot, electronVersion, onlyModules: ['better-sqlite3'], force: true, mode: 'sequential' });
} catch (error) {
  fail(`building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}`, error);
}
if (!existsSync(binding)) fail('building better-sqlite3 for Electron', new Error(`${binding} was not produced.`));

try {
  // Electron run as Node loads the addon exactly as the app will: a wrong ABI throws here.
  execFileSync(electronBinary, ['-e', `require(${JSON.stringify(binding)})`], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: 'pipe' });
} catch (error) {
  fail(`loading the built better-sqlite3 in Electron ${electronVersion}`, new Error(error.stderr?.toString() || error.message));
}
say(`better-sqlite3 ${sqliteVersion} built for Electron ${electronVersion} and loaded in it (${binding}).`);
