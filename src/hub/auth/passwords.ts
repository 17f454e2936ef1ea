import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// Node's scrypt (memory-hard, maintained with OpenSSL) rather than a native addon: no extra build.
// OWASP's Password Storage Cheat Sheet lists N=2^14, r=8, p=5 as equal in strength to its N=2^17,
// r=8, p=1, at 16 MiB of memory per hash instead of 128 (within Node's default maxmem).
const PRODUCTION = { N: 16384, r: 8, p: 5, keylen: 32 } as const;
// A test suite signs in hundreds of times: its own cheap cost, set only by the suites' setup (no option or variable of the hub reaches it).
const TEST = { N: 1024, r: 8, p: 1, keylen: 32 } as const;
let PARAMS: typeof PRODUCTION | typeof TEST = PRODUCTION;

/** Test setup only: 'test' makes every new hash and the unknown-account check cheap in this process. */
export function setPasswordCost(cost: 'production' | 'test'): void {
  PARAMS = cost === 'test' ? TEST : PRODUCTION;
}

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCallback(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, PARAMS.keylen, { N: PARAMS.N, r: PARAMS.r, p: PARAMS.p });
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(key, expected);
}

/** A hash made with other parameters than today's: replaced at the next sign-in that proves the password. */
export function needsRehash(stored: string): boolean {
  const [scheme, n, r, p] = stored.split('$');
  return scheme !== 'scrypt' || Number(n) !== PARAMS.N || Number(r) !== PARAMS.r || Number(p) !== PARAMS.p;
}

/** Checked when an email is unknown, so that an unknown account costs the same time as a known one. */
export const dummyHash = (): string => `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`;
