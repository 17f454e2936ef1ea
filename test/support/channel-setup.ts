import type { RunningHub } from '../../src/hub/server';
import { hashPassword } from '../../src/hub/auth/passwords';

/** The demo integration every test bot posts with (seeded by `--demo`). */
export const DEMO_INTEGRATION_ID = 'demo';

export interface Session {
  token: string;
  call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }>;
}

/** Signs in over HTTP, as the desktop app or an admin's script does. */
export async function signIn(hubUrl: string, email: string, password = 'demo'): Promise<Session> {
  const response = await fetch(`${hubUrl}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const { token } = (await response.json()) as { token: string };
  if (!token) throw new Error(`sign-in of ${email} failed: ${response.status}`);
  return {
    token,
    async call(method, path, body) {
      const answer = await fetch(`${hubUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await answer.text();
      return { status: answer.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    },
  };
}

/**
 * Connects the demo integration to a platform as the README tells an admin to: the channel's
 * platform and settings, then the callback URL and a signing secret shared with the bot.
 */
export async function connectDemoIntegration(hub: RunningHub, channel: { platform: string; settings?: Record<string, unknown>; callbackUrl: string; secret: string }): Promise<void> {
  await hub.hub.context.accounts.saveUser({ id: 'u_admin_e2e', email: 'admin@e2e', name: 'Ada Admin', role: 'admin', capacity: 0, passwordHash: await hashPassword('demo'), queues: ['support'], skills: [], languages: [] });
  const admin = await signIn(hub.url, 'admin@e2e');
  const set = await admin.call('PUT', `/v1/admin/integrations/${DEMO_INTEGRATION_ID}/channel`, { platform: channel.platform, settings: channel.settings ?? {} });
  if (set.status !== 200) throw new Error(`channel refused: ${set.status} ${JSON.stringify(set.json)}`);
  const callback = await admin.call('PUT', `/v1/admin/integrations/${DEMO_INTEGRATION_ID}/callback`, { url: channel.callbackUrl, secret: channel.secret });
  if (callback.status !== 200) throw new Error(`callback refused: ${callback.status} ${JSON.stringify(callback.json)}`);
}
