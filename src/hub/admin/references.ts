import type { FieldProblem } from '../../shared/validation';
import type { Administration } from './administration';
import { AdminProblem } from './problem';

/** Problems with the skills and queues a change names: each unknown one, by field. */
export function referenceProblems(admin: Administration, named: { skills?: readonly string[]; queues?: readonly string[] }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const skills = admin.skills.unknown(named.skills ?? []);
  if (skills.length > 0) problems.push({ path: 'skills', message: `unknown skill${skills.length > 1 ? 's' : ''}: ${skills.join(', ')} (add it under Skills first)` });
  const queues = (named.queues ?? []).filter((queue) => !admin.accounts.queueExists(queue));
  if (queues.length > 0) problems.push({ path: 'queues', message: `unknown queue${queues.length > 1 ? 's' : ''}: ${queues.join(', ')}` });
  return problems;
}

export function requireKnownReferences(admin: Administration, named: { skills?: readonly string[]; queues?: readonly string[] }): void {
  const problems = referenceProblems(admin, named);
  if (problems.length > 0) throw new AdminProblem('unknown_reference', problems.map((problem) => problem.message).join('; '), problems);
}
