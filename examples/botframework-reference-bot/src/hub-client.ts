import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

export interface HubSettings {
  /** The hub's base URL, e.g. https://warmline.example.com */
  hubUrl: string;
  /** The integration token the hub issued for this bot. */
  token: string;
  /** The integration's signing secret (`whsec_…`): the hub checks the bot's posts and the bot checks the hub's. */
  signingSecret: string;
}

export interface HubAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Posts an activity to the hub's Bot Framework route, authenticated with the integration token
 * and signed with Standard Webhooks. The webhook id is the activity's own id when it has one, so
 * the hub stores a retried user message once.
 */
export async function postToHub(settings: HubSettings, activity: Record<string, unknown>): Promise<HubAnswer> {
  const body = JSON.stringify(activity);
  const id = typeof activity.id === 'string' && activity.id ? `bf-${activity.id}` : randomUUID();
  const now = new Date();
  const response = await fetch(`${settings.hubUrl.replace(/\/+$/, '')}/v1/integrations/botframework`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${settings.token}`,
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': new Webhook(settings.signingSecret).sign(id, now, body),
    },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let parsed: unknown = {};
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = { text };
  }
  return { status: response.status, body: typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {} };
}
