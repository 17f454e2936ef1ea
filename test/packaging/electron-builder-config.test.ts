import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DebugLogger } from 'builder-util/out/DebugLogger';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { describe, expect, it } from 'vitest';
import { APP_ID } from '../../src/main/shell/app-identity';
import { ELECTRON_SQLITE_RELATIVE } from '../../src/main/shell/native-sqlite';
import { tempDir } from '../support/hub';

const ROOT = resolve(__dirname, '../..');
const CONFIG_FILE = join(ROOT, 'electron-builder.yml');

/** The configuration as electron-builder itself reads it (its own YAML loader and defaults). */
const load = (file = CONFIG_FILE): Promise<Configuration> => getConfig(ROOT, file, null);
const validate = (config: Configuration) => validateConfiguration(config, new DebugLogger(false));

describe('the packaging configuration (electron-builder.yml)', () => {
  it("validates against electron-builder's own schema", async () => {
    await expect(validate(await load())).resolves.toBeUndefined();
  });

  it('is refused by the same validation when an option is misspelt, so the check above can fail', async () => {
    const broken = join(tempDir('warmline-builder-'), 'electron-builder.yml');
    writeFileSync(broken, readFileSync(CONFIG_FILE, 'utf8').replace('appArmorProfile:', 'appArmourProfile:'));
    await expect(validate(await load(broken))).rejects.toThrow(/Invalid configuration object[\s\S]*deb/);
  });

  it('builds AppImage and deb, an NSIS installer, and a dmg with the zip macOS updates from, under the appId the app gives Windows', async () => {
    const config = await load();
    expect(config.appId).toBe(APP_ID);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg', 'zip']);
  });

  it('ships the Electron build of better-sqlite3 and leaves the Node build out, both native parts unpacked from the asar', async () => {
    const config = await load();
    const files = JSON.stringify(config.files);
    expect(files).toContain(ELECTRON_SQLITE_RELATIVE.replace('/better_sqlite3.node', ''));
    expect(files).toContain('!node_modules/better-sqlite3/{build,deps,src}/**');
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['.electron-native/**/*.node', 'node_modules/node-notifier/vendor/**']));
    expect(config.npmRebuild).toBe(false);
  });

  it('flips the fuses in afterPack, keeps asar integrity on, and names an update feed for electron-updater', async () => {
    const config = await load();
    expect(config.afterPack).toBe('./scripts/after-pack.mjs');
    expect(existsSync(join(ROOT, 'scripts/after-pack.mjs'))).toBe(true);
    expect(config.disableAsarIntegrity).toBeUndefined();
    expect(config.publish).toMatchObject({ provider: 'generic', url: expect.stringMatching(/^https:\/\//) });
  });

  it("installs Ubuntu's AppArmor profile with the deb, granting user namespaces to the installed binary only", async () => {
    const config = await load();
    const profile = readFileSync(join(ROOT, config.deb!.appArmorProfile!), 'utf8');
    expect(profile).toContain('abi <abi/4.0>');
    expect(profile).toContain('profile "${executable}" "/opt/${sanitizedProductName}/${executable}" flags=(unconfined)');
    expect(profile).toMatch(/^\s*userns,$/m);
  });

  it('asks macOS for the Alerts notification style, where the offer buttons show', async () => {
    expect((await load()).mac?.extendInfo).toMatchObject({ NSUserNotificationAlertStyle: 'alert' });
  });
});
