// electron-builder's afterPack hook (electron-builder.yml): flips the fuses of scripts/fuses.ts on
// the packaged Electron binary and reads them back, after electron-builder has written the asar and
// its integrity hash (macOS Info.plist, Windows resources) and before it signs. A binary whose
// fuses cannot be set fails the packaging.
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';

/** The binary @electron/fuses edits, named as electron-builder names it per platform. */
export function packagedBinary({ appOutDir, electronPlatformName, packager }) {
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${packager.appInfo.productFilename}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return join(appOutDir, packager.executableName);
}

export default async function afterPack(context) {
  const { applyFuses } = await tsImport('./fuses.ts', import.meta.url);
  const binary = packagedBinary(context);
  await applyFuses(binary);
  console.log(`  • Warmline fuses set on ${binary}`);
}
