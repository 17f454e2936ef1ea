import type { FieldProblem } from '../../shared/validation';
import type { Administration } from './administration';
import { AdminProblem } from './problem';

/** Problems with the skills and queues a change names: each unknown one, by field. */
export async function referenceProblems(admin: Administration, named: { skills?: readonly string[]; queues?: readonly string[] }): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const skills = await admin.skills.unknown(named.skills ?? []);
  if (skills.length > 0) problems.push({ path: 'skills', message: `unknown skill${skills.length > 1 ? 's' : ''}: ${skills.join(', ')} (add it under Skills first)` });
  const queues: string[] = [];
  for (const queue of named.queues ?? []) if (!(await admin.accounts.queueExists(queue))) queues.push(queue);
  if (queues.length > 0) problems.push({ path: 'queues', message: `unknown queue${queues.length > 1 ? 's' : ''}: ${queues.join(', ')}` });
  return problems;
}

export async function requireKnownReferences(admin: Administration, named: { skills?: readonly string[]; queues?: readonly string[] }): Promise<void> {
  const problems = await referenceProblems(admin, named);
  if (problems.length > 0) throw new AdminProblem('unknown_reference', problems.map((problem) => problem.message).join('; '), problems);
}
