import type { SqlParams, SqlValue } from './sql';

interface Translated {
  text: string;
  /** How to pick the values for $1, $2…: positional indexes or parameter names. */
  order: (number | string)[];
}

const MAX_CACHED = 2000;
const cache = new Map<string, Translated>();

/**
 * Rewrites better-sqlite3's `?` and `@name` placeholders as PostgreSQL's `$1, $2…`, skipping
 * quoted strings, quoted identifiers and comments, so one SQL text serves both stores.
 */
export function translatePlaceholders(sql: string): Translated {
  const known = cache.get(sql);
  if (known) return known;
  const order: (number | string)[] = [];
  let text = '';
  let positional = 0;
  for (let i = 0; i < sql.length; i += 1) {
    const char = sql[i] as string;
    if (char === "'" || char === '"') {
      const end = closingQuote(sql, i, char);
      text += sql.slice(i, end + 1);
      i = end;
    } else if (char === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      text += sql.slice(i, stop);
      i = stop - 1;
    } else if (char === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end === -1 ? sql.length : end + 2;
      text += sql.slice(i, stop);
      i = stop - 1;
    } else if (char === '?') {
      order.push(positional);
      positional += 1;
      text += `$${order.length}`;
    } else if (char === '@' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      // Each use of a name is its own $n: PostgreSQL deduces one type per $n, and a name used in two
      // contexts (`id = @id`, `@id * 10`) would otherwise be refused as inconsistently typed.
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))?.[0] as string;
      order.push(name);
      text += `$${order.length}`;
      i += name.length;
    } else {
      text += char;
    }
  }
  const translated = { text, order };
  // Statements are constants; a text built per call (a batch of n rows) is translated but not kept.
  if (cache.size < MAX_CACHED) cache.set(sql, translated);
  return translated;
}

function closingQuote(sql: string, start: number, quote: string): number {
  for (let i = start + 1; i < sql.length; i += 1) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 1;
      else return i;
    }
  }
  return sql.length - 1;
}

/** The values in $-order for a translated statement. */
export function valuesFor(translated: Translated, params: SqlParams | undefined): SqlValue[] {
  if (!params) return [];
  if (Array.isArray(params)) return translated.order.map((key) => (params as readonly SqlValue[])[key as number] ?? null);
  const byName = params as Readonly<Record<string, SqlValue>>;
  return translated.order.map((key) => {
    if (typeof key === 'number') throw new Error('A statement with ? placeholders needs its parameters as an array.');
    if (!(key in byName)) throw new Error(`Missing named parameter "${key}"`);
    return byName[key] ?? null;
  });
}
