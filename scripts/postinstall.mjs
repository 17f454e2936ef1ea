// Runs after `npm install` of this project. On a machine that can download Electron, it installs
// Electron's binary (its own install script is not allowed to run: see allowScripts) and builds a
// second better-sqlite3 for Electron's ABI, beside the Node one that tests and browser mode use.
// Anything that cannot be done here is reported, never fatal: browser mode and tests need neither.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = process.cwd();
const say = (message) => console.log(`warmline postinstall: ${message}`);

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  say('ELECTRON_SKIP_BINARY_DOWNLOAD is set: skipping the Electron binary (browser mode and tests work without it).');
  process.exit(0);
}
try {
  execFileSync(process.execPath, [join(root, 'node_modules/electron/install.js')], { stdio: 'inherit' });
  const electronVersion = require('electron/package.json').version;
  const target = join(root, '.electron-native/better-sqlite3');
  rmSync(target, { recursive: true, force: true });
  cpSync(join(root, 'node_modules/better-sqlite3'), target, { recursive: true, filter: (path) => !path.includes(`${join('better-sqlite3', 'build')}`) });
  const env = { ...process.env, npm_config_runtime: 'electron', npm_config_target: electronVersion, npm_config_disturl: 'https://electronjs.org/headers' };
  try {
    execFileSync(process.execPath, [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', electronVersion], { cwd: target, stdio: 'inherit', env });
  } catch {
    execFileSync('npx', ['--yes', 'node-gyp', 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], { cwd: target, stdio: 'inherit', env });
  }
  say(existsSync(join(target, 'build/Release/better_sqlite3.node')) ? `better-sqlite3 built for Electron ${electronVersion}.` : 'better-sqlite3 for Electron was not produced.');
} catch (error) {
  say(`could not prepare the Electron desktop shell (${error.message}). \`npm run serve\` (browser mode) and \`npm test\` still work.`);
}
