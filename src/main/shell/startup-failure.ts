import type { NativeSqliteProblem } from './native-sqlite';

/** What the start-up error dialog says: a title and what to do, never a blank or missing window. */
export interface StartupFailure {
  title: string;
  message: string;
}

const REINSTALL = 'Reinstall Warmline. If it happens again, send this message to your IT team.';
const REBUILD = 'In the Warmline folder, run `npm run rebuild:electron` (it needs a C++ toolchain when no prebuilt binary fits), then start again.';

export class StartupError extends Error {
  constructor(readonly failure: StartupFailure) {
    super(`${failure.title}: ${failure.message}`);
    this.name = 'StartupError';
  }
}

export function nativeSqliteFailure(problem: NativeSqliteProblem, isPackaged: boolean): StartupFailure {
  const fix = isPackaged ? REINSTALL : REBUILD;
  switch (problem.kind) {
    case 'missing':
      return {
        title: 'Warmline cannot open its local database',
        message: `The SQLite module built for Electron is missing (${problem.binding}).\n\n${fix}`,
      };
    case 'mismatch':
      return {
        title: 'Warmline cannot open its local database',
        message: `The SQLite module was built for another version of Electron or Node.\n\n${problem.detail}\n\n${fix}`,
      };
    case 'unloadable':
      return { title: 'Warmline cannot open its local database', message: `The SQLite module could not be loaded.\n\n${problem.detail}\n\n${fix}` };
  }
}

/** The embedded demo hub did not start: say so and where its data is, and that the app can still reach a real hub. */
export function demoHubFailure(error: unknown, dataDir: string): StartupFailure {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    title: 'The demo hub did not start',
    message: `${detail}\n\nIts data is in ${dataDir}; delete that folder to start the demo afresh, or start Warmline without --demo and sign in to your team's hub.`,
  };
}

/** Anything else that stops the start: the error's own words, which never hold customer text at this point. */
export function startupFailureOf(error: unknown): StartupFailure {
  if (error instanceof StartupError) return error.failure;
  const detail = error instanceof Error ? error.message : String(error);
  return { title: 'Warmline could not start', message: `${detail}\n\nIf it happens again, send this message to your IT team.` };
}
