import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';

/**
 * Hostile inputs: random and mutated JSON, huge values, deep nesting, prototype-pollution keys,
 * invalid UTF-8, and the lines of ../shared/data/badinput (the Big List of Naughty Strings and
 * PayloadsAllTheThings XSS lists) when that folder is present.
 */

export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', '__defineGetter__', 'hasOwnProperty', 'toString', 'valueOf'];
const FIELD_KEYS = ['v', 'id', 'type', 'text', 'name', 'customer', 'transcript', 'routing', 'queue', 'token', 'lastSeq', 'email', 'password', 'presence', 'to', 'kind', 'note', 'disposition', 'flagId', 'clientMessageId', 'query', 'url', 'filters', 'limit', 'before', 'reason', 'code', 'extra', 'fields', 'at', 'author'];

const hugeString = fc.constantFrom(1_000, 70_000, 1_100_000).map((size) => 'x'.repeat(size));
const weirdString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '\uD800', '\uFEFF', '../../etc/passwd', '%00', '%2e%2e%2f', '<script>alert(1)</script>', 'NaN', '-1', '1e309', '{}', 'null', 'true'),
);
const weirdNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, -1, 2 ** 53, -(2 ** 53), 1e308, Number.MAX_SAFE_INTEGER + 2));
const leaf = fc.oneof(weirdString, weirdNumber, fc.boolean(), fc.constant(null));
const key = fc.oneof(fc.constantFrom(...POLLUTION_KEYS, ...FIELD_KEYS), fc.string({ maxLength: 8 }));

export const { tree: jsonTree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('tree'), { maxLength: 5 }), fc.dictionary(key, tie('tree'), { maxKeys: 6 })),
}));

/** Nesting far deeper than any schema: a recursive walker would blow the stack. */
export const deepNesting = fc.constantFrom(100, 5_000, 50_000).chain((depth) => fc.constantFrom(`${'['.repeat(depth)}${']'.repeat(depth)}`, `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));

/** Bytes that are not UTF-8: lone continuation bytes, overlongs, surrogates encoded, truncated sequences. */
export const invalidUtf8 = fc
  .array(fc.constantFrom([0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82], [0xff, 0xfe], [0x7b, 0x22]), { minLength: 1, maxLength: 12 })
  .map((chunks) => Buffer.from(chunks.flat()));

/** Prototype-pollution payloads as they arrive on the wire (JSON.parse keeps __proto__ as an own key). */
export const POLLUTION_BODIES = [
  '{"__proto__":{"polluted":1,"isAdmin":true}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '{"v":1,"id":"x","customer":{"name":"a","__proto__":{"polluted":1}},"transcript":[]}',
  '[{"__proto__":{"polluted":1}}]',
  '{"a":{"__proto__":{"__proto__":{"polluted":1}}}}',
];

/** A JSON value, a raw body, or a string, for anywhere input arrives. */
export const hostileBody = fc.oneof(
  { weight: 6, arbitrary: jsonTree.map((value) => JSON.stringify(value) ?? 'null') },
  { weight: 1, arbitrary: hugeString.map((text) => JSON.stringify({ text })) },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: invalidUtf8 },
  { weight: 1, arbitrary: fc.constantFrom(...POLLUTION_BODIES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
);

/** Replaces the value at a path of a valid sample with a hostile tree: structure-aware mutation. */
export function mutate(sample: unknown, path: readonly number[], replacement: unknown): unknown {
  if (path.length === 0 || typeof sample !== 'object' || sample === null) return replacement;
  const entries = Object.entries(sample);
  if (entries.length === 0) return replacement;
  const [step, ...rest] = path;
  const [name, value] = entries[step! % entries.length]!;
  const copy: Record<string, unknown> = Array.isArray(sample) ? ([...sample] as unknown as Record<string, unknown>) : { ...sample };
  copy[name] = mutate(value, rest, replacement);
  return copy;
}

export const mutationPath = fc.array(fc.nat(), { maxLength: 5 });

export const BADINPUT_DIR = resolve(__dirname, '../../../shared/data/badinput');
const BADINPUT_FILES = ['blns/blns.txt', 'payloadsallthethings-xss/xss_alert.txt', 'payloadsallthethings-xss/IntrudersXSS.txt', 'payloadsallthethings-xss/XSS_Polyglots.txt'];

/** Every non-comment line of the bad-input lists; empty when the folder is absent. */
export function badInputLines(dir = BADINPUT_DIR): string[] {
  if (!existsSync(dir)) return [];
  return BADINPUT_FILES.filter((file) => existsSync(join(dir, file))).flatMap((file) =>
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .filter((line) => line.length > 0 && !line.startsWith('#')),
  );
}
