import { hashPassword } from '../../../src/hub/auth/passwords';
import type { RunningHub } from '../../../src/hub/server';

/**
 * Configures the demo integration's channel the way the README tells an admin to: an admin
 * session, then `PUT /v1/admin/integrations/{id}/channel` with the platform and its settings.
 */
export async function setChannel(hub: RunningHub, platform: string, settings: Record<string, unknown>): Promise<void> {
  await hub.hub.context.accounts.saveUser({
    id: 'e2e-admin',
    email: 'admin@e2e',
    name: 'E2E Admin',
    role: 'admin',
    passwordHash: await hashPassword('e2e-admin-password'),
    capacity: 0,
    queues: ['support'],
  });
  const session = await fetch(`${hub.url}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@e2e', password: 'e2e-admin-password' }),
  });
  if (!session.ok) throw new Error(`admin sign-in refused: ${session.status} ${await session.text()}`);
  const { token } = (await session.json()) as { token: string };
  const response = await fetch(`${hub.url}/v1/admin/integrations/demo/channel`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ platform, settings }),
  });
  if (!response.ok) throw new Error(`channel refused: ${response.status} ${await response.text()}`);
}
