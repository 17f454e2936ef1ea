import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

/** Bytes of the key that seals the hub's stored secrets (AES-256). */
export const SECRET_KEY_BYTES = 32;

/** How to make a key, in every message that asks for one. */
export const MAKE_KEY = 'make one with `npm run hub -- new-key <file>` or `openssl rand -base64 32`';

/** A fresh key as one line of base64, the form every other key source reads. */
export const newSecretKey = (): string => randomBytes(SECRET_KEY_BYTES).toString('base64');

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The key in `text` (base64 of 32 bytes, as `openssl rand -base64 32` prints it), with one trailing
 * line break dropped; `source` names where it came from in the error, never the key itself.
 */
export function parseSecretKey(text: string, source: string): Buffer {
  const line = text.replace(/\r?\n$/, '');
  if (line.length === 0) throw new Error(`The hub's secret key in ${source} is empty: ${MAKE_KEY}.`);
  if (!BASE64.test(line) || line.length % 4 !== 0) {
    throw new Error(`The hub's secret key in ${source} is not base64 (one line of A–Z, a–z, 0–9, + and /, padded with =): ${MAKE_KEY}.`);
  }
  const key = Buffer.from(line, 'base64');
  if (key.length !== SECRET_KEY_BYTES) {
    throw new Error(`The hub's secret key in ${source} is ${key.length} bytes; it must be ${SECRET_KEY_BYTES} (44 characters of base64): ${MAKE_KEY}.`);
  }
  return key;
}

/**
 * A key file given with --key-file. Like ssh with a private key, a file others may read or write is
 * refused: whoever reads it opens every integration secret in the database.
 */
export function readSecretKeyFile(path: string): Buffer {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    throw new Error(`Cannot read the hub's key file ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (error as Error).message}; ${MAKE_KEY}.`);
  }
  if (!stat.isFile()) throw new Error(`The hub's key file ${path} is not a regular file.`);
  const loose = stat.mode & 0o077;
  if (loose !== 0) {
    const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
    throw new Error(`The hub's key file ${path} is open to ${loose & 0o070 ? 'its group' : ''}${loose & 0o070 && loose & 0o007 ? ' and ' : ''}${loose & 0o007 ? 'other users' : ''} (mode ${mode}); only its owner may read it: chmod 600 ${path}`);
  }
  return parseSecretKey(readFileSync(path, 'utf8'), path);
}
