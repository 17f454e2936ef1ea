import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FuseV1Options } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { applyFuses, WARMLINE_FUSES } from '../../scripts/fuses';
import { tempDir } from '../support/hub';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** A stand-in binary with Electron's fuse wire as Electron 45 ships it: every fuse at its default. */
function fakeBinary(wire = '10011000'): string {
  const file = join(tempDir('warmline-fuses-'), 'electron');
  writeFileSync(file, Buffer.concat([Buffer.from('\x7fELF…code…'), Buffer.from(SENTINEL), Buffer.from([1, wire.length]), Buffer.from(wire), Buffer.from('…more code…')]));
  return file;
}
const wireOf = (file: string) => {
  const bytes = readFileSync(file);
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length + 2;
  return bytes.subarray(at, at + 8).toString('latin1');
};

describe('the fuses of the packaged app', () => {
  it('turn off running as Node, NODE_OPTIONS, inspect flags and file:// privileges, and turn on cookie encryption, asar integrity and asar-only loading', () => {
    expect(WARMLINE_FUSES).toMatchObject({
      strictlyRequireAllFuses: true,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    });
  });

  it('decides every fuse the library knows, leaving none to the Electron default', () => {
    const options = Object.values(FuseV1Options).filter((value) => typeof value === 'number');
    for (const option of options) expect(typeof WARMLINE_FUSES[option as FuseV1Options], FuseV1Options[option as FuseV1Options]).toBe('boolean');
  });

  it('writes the wire into a binary and reads it back', async () => {
    const binary = fakeBinary();
    await applyFuses(binary);
    // RunAsNode, CookieEncryption, NodeOptions, Inspect, AsarIntegrity, AsarOnly, V8Snapshot, FileProtocol
    expect(wireOf(binary)).toBe('01001100');
  });

  it('refuses a binary without a fuse wire', async () => {
    const file = join(tempDir('warmline-fuses-'), 'not-electron');
    writeFileSync(file, 'just some bytes');
    await expect(applyFuses(file)).rejects.toThrow(/sentinel/);
  });
});
