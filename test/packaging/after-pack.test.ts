import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/hub';

// Electron's fuse wire: the sentinel, a version byte, the wire length, then one byte per fuse
// ('0' off, '1' on, 'r' removed), as @electron/fuses reads it.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const electronBinary = (file: string, wire = '10011000') => {
  writeFileSync(file, Buffer.concat([Buffer.from('\x7fELF…code…'), Buffer.from(SENTINEL), Buffer.from([1, wire.length]), Buffer.from(wire), Buffer.from('…')]));
};
const wireOf = (file: string) => {
  const bytes = readFileSync(file);
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length + 2;
  return bytes.subarray(at, at + 8).toString('latin1');
};
// RunAsNode, CookieEncryption, NodeOptions, Inspect, AsarIntegrity, AsarOnly, V8Snapshot, FileProtocol
const WARMLINE_WIRE = '01001100';

type AfterPackContext = { appOutDir: string; electronPlatformName: string; packager: { executableName: string; appInfo: { productFilename: string } } };
const loadHook = async () =>
  (await import(pathToFileURL(join(__dirname, '../../scripts/after-pack.mjs')).href)) as { default(context: AfterPackContext): Promise<void> };
const packager = { executableName: 'warmline', appInfo: { productFilename: 'Warmline' } };

describe("electron-builder's afterPack hook", () => {
  it('flips the fuses of the packaged Linux binary, named by its executableName', async () => {
    const appOutDir = tempDir('warmline-pack-');
    electronBinary(join(appOutDir, 'warmline'));
    await (await loadHook()).default({ appOutDir, electronPlatformName: 'linux', packager });
    expect(wireOf(join(appOutDir, 'warmline'))).toBe(WARMLINE_WIRE);
  });

  it('flips the fuses of the packaged Windows executable', async () => {
    const appOutDir = tempDir('warmline-pack-');
    electronBinary(join(appOutDir, 'Warmline.exe'));
    await (await loadHook()).default({ appOutDir, electronPlatformName: 'win32', packager });
    expect(wireOf(join(appOutDir, 'Warmline.exe'))).toBe(WARMLINE_WIRE);
  });

  it('flips the fuses inside the macOS app bundle, in its Electron Framework', async () => {
    const appOutDir = tempDir('warmline-pack-');
    const framework = join(appOutDir, 'Warmline.app/Contents/Frameworks/Electron Framework.framework');
    mkdirSync(framework, { recursive: true });
    electronBinary(join(framework, 'Electron Framework'));
    await (await loadHook()).default({ appOutDir, electronPlatformName: 'darwin', packager });
    expect(wireOf(join(framework, 'Electron Framework'))).toBe(WARMLINE_WIRE);
  });

  it('fails the packaging when the binary has no fuse wire, instead of shipping it unfused', async () => {
    const appOutDir = tempDir('warmline-pack-');
    writeFileSync(join(appOutDir, 'warmline'), 'not electron');
    await expect((await loadHook()).default({ appOutDir, electronPlatformName: 'linux', packager })).rejects.toThrow(/sentinel/);
  });
});
