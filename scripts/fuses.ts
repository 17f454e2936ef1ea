/**
 * Flips the Electron fuses of a packaged Warmline binary: features compiled into Electron that an
 * attacker with a shell could otherwise use to run our signed binary as a plain Node, inspect it,
 * or load code from outside the integrity-checked asar. Run after packaging, before signing:
 *
 *   npx tsx scripts/fuses.ts <path to the packaged Electron binary or .app>
 */
import { resolve } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion, getCurrentFuseWire, type FuseConfig } from '@electron/fuses';

export const WARMLINE_FUSES = {
  version: FuseVersion.V1,
  // Every fuse is set on purpose: a new fuse in a later Electron fails the build until decided.
  strictlyRequireAllFuses: true,
  // ELECTRON_RUN_AS_NODE would turn the app into a Node interpreter with our signature.
  [FuseV1Options.RunAsNode]: false,
  // Cookies of the renderer are encrypted with the OS keychain.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS could preload arbitrary code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect and friends would open a debugger on the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app.asar is checked against the hash embedded at packaging time…
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // …and code is loaded only from it, never from a loose app/ folder beside it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // One V8 snapshot for all processes: we ship no browser-specific snapshot.
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The renderer is served from app://, so file:// needs none of its legacy privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  // macOS: re-sign ad hoc so a locally built .app still starts; release signing happens after.
  resetAdHocDarwinSignature: process.platform === 'darwin',
} satisfies FuseConfig;

/** Flips the fuses and reads them back, so a binary whose wire did not take them fails here. */
export async function applyFuses(binary: string): Promise<void> {
  await flipFuses(binary, WARMLINE_FUSES);
  const wire = await getCurrentFuseWire(binary);
  for (const option of Object.values(FuseV1Options).filter((value): value is FuseV1Options => typeof value === 'number')) {
    const expected = WARMLINE_FUSES[option] ? '1' : '0';
    const actual = String.fromCharCode(wire[option] as number);
    if (actual !== expected) throw new Error(`fuse ${FuseV1Options[option]} is ${actual}, expected ${expected}`);
  }
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(__filename);
if (invokedDirectly) {
  const binary = process.argv[2];
  if (!binary) {
    console.error('Usage: npx tsx scripts/fuses.ts <packaged Electron binary or .app>');
    process.exit(1);
  }
  applyFuses(resolve(binary)).then(
    () => console.log(`Fuses set on ${binary}: RunAsNode, NODE_OPTIONS, --inspect off; cookie encryption, asar integrity, asar-only on.`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
