import type { z } from 'zod';

/** One problem with an input, addressed by its path (e.g. `customer.name`). */
export interface FieldProblem {
  path: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

const pathOf = (path: readonly PropertyKey[]): string =>
  path.map((part) => (typeof part === 'number' ? `[${part}]` : String(part))).join('.').replace(/\.\[/g, '[') ||
  '(root)';

/** Parses untrusted input with a schema and turns zod's issues into per-field problems. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.infer<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const problems = result.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return { path: pathOf(issue.path), message: `unknown field(s): ${issue.keys.join(', ')}` };
    }
    return { path: pathOf(issue.path), message: issue.message };
  });
  return { ok: false, problems };
}
