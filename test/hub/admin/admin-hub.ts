import { createFirstAdmin } from '../../../src/hub/admin/first-admin';
import type { Hub } from '../../../src/hub/app';
import type { AuditEntry } from '../../../src/shared/admin';
import { createAuditRepository } from '../../../src/hub/store/audit';
import type { HubDatabase } from '../../../src/hub/store/database';
import { testHub } from '../../support/test-store';

export const ADMIN_PASSWORD = 'correct horse battery';

/** A parsed JSON answer, read field by field in the assertions (as `JSON.parse` types it). */
type JsonAnswer = ReturnType<typeof JSON.parse>;

export interface AdminHub {
  hub: Hub;
  admin: string;
  /** An inject call as the signed-in admin (or with another token), answering status and JSON. */
  call(method: string, url: string, body?: unknown, token?: string | null): Promise<{ status: number; json: JsonAnswer; text: string }>;
  signIn(email: string, password: string): Promise<string>;
  setPassword(code: string, password: string): Promise<number>;
}

/** Every audit entry of a store, oldest first. */
export async function auditOf(db: HubDatabase): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for await (const entry of createAuditRepository(db).all()) entries.push(entry);
  return entries;
}

/** A fresh hub without demo data whose first admin was made by the server command and set a password. */
export async function freshAdminHub(options: { offerTimeoutMs?: number | null; now?: () => Date } = {}): Promise<AdminHub> {
  const hub = await testHub({ offerTimeoutMs: options.offerTimeoutMs ?? null, ...(options.now ? { now: options.now } : {}) });
  const first = await createFirstAdmin(hub.db, { email: 'ada@example.com', name: 'Ada Admin' }, new Date());
  const call: AdminHub['call'] = async (method, url, body, token = admin) => {
    const response = await hub.app.inject({
      method: method as 'GET',
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    let json: unknown = null;
    try {
      json = response.json();
    } catch {
      json = null;
    }
    return { status: response.statusCode, json, text: response.body };
  };
  const setPassword = async (code: string, password: string) => (await call('POST', '/v1/password', { code, password }, null)).status;
  const signIn = async (email: string, password: string) => {
    const answer = await call('POST', '/v1/sessions', { email, password }, null);
    if (answer.status !== 201) throw new Error(`sign-in of ${email} failed: ${answer.status} ${answer.text}`);
    return answer.json.token as string;
  };
  let admin: string | null = null;
  await setPassword(first.code, ADMIN_PASSWORD);
  admin = await signIn('ada@example.com', ADMIN_PASSWORD);
  return { hub, admin, call, signIn, setPassword };
}
