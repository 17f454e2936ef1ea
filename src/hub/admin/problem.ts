import type { ErrorCode } from '../../shared/errors';
import type { FieldProblem } from '../../shared/validation';

/** A refused admin change: a code from the catalogue, a sentence for the admin, the fields at fault. */
export class AdminProblem extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldProblem[],
  ) {
    super(message);
    this.name = 'AdminProblem';
  }
}

export const notFound = (what: string): AdminProblem => new AdminProblem('not_found', `There is no such ${what}.`);
