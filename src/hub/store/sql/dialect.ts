import type { SqlDialect } from './sql';

/*
 * On PostgreSQL, JSON kept as text is read as `json`, not `jsonb`, which would re-encode every
 * document. Neither reads a document holding \u0000 or an unpaired surrogate escape, so intake
 * stores none (storableJson). The PostgreSQL baseline's expression index on conversations uses
 * exactly jsonText's form, so lookups use it.
 */

/** JSON kept as text read the same on both stores: one field, as text (or NULL when absent). */
export function jsonText(dialect: SqlDialect, column: string, path: readonly string[]): string {
  if (dialect === 'sqlite') return `json_extract(${column}, '$.${path.join('.')}')`;
  return `(CAST(${column} AS json) #>> '{${path.join(',')}}')`;
}

/**
 * The elements of a JSON array (a column or a parameter holding JSON text) as a table with one
 * column, `value`: `FROM users, ${jsonArrayTable(d, 'users.skills', 'skill')} WHERE skill.value = ?`.
 */
export function jsonArrayTable(dialect: SqlDialect, expression: string, alias: string): string {
  if (dialect === 'sqlite') return `json_each(${expression}) AS ${alias}`;
  return `json_array_elements_text(CAST(${expression} AS json)) AS ${alias}(value)`;
}

/** `x IN (${jsonArrayValues(d, '@queues')})`: membership in a JSON array passed as one parameter. */
export function jsonArrayValues(dialect: SqlDialect, expression: string): string {
  return `SELECT value FROM ${jsonArrayTable(dialect, expression, 'element')}`;
}
