import { z } from 'zod';
import type { IntegrationPlatform } from '../../shared/admin';
import { parseWith, type FieldProblem } from '../../shared/validation';
import { botpressSettingsSchema } from '../channels/botpress';
import { chatwootSettingsSchema } from '../channels/chatwoot';

/**
 * What each platform's channel needs, by the connector's own schema: Chatwoot's API access token
 * and account, Botpress's webhook URL. The others answer over the integration's callback URL.
 */
const SETTINGS_SCHEMAS: Record<IntegrationPlatform, z.ZodType<Record<string, unknown>>> = {
  generic: z.strictObject({}),
  chatwoot: chatwootSettingsSchema,
  botpress: botpressSettingsSchema,
  botframework: z.strictObject({}),
  'dialogflow-cx': z.strictObject({}),
  rasa: z.strictObject({}),
};

const SECRET_KEY = /token|secret|password|key/i;

export function checkChannelSettings(platform: IntegrationPlatform, settings: Record<string, unknown>): { ok: true; value: Record<string, unknown> } | { ok: false; problems: FieldProblem[] } {
  const parsed = parseWith(SETTINGS_SCHEMAS[platform], settings);
  if (!parsed.ok) return { ok: false, problems: parsed.problems.map((problem) => ({ ...problem, path: `settings.${problem.path}` })) };
  return { ok: true, value: parsed.value };
}

/** Settings as an admin (or the audit log) sees them: every secret only as "set". */
export function maskedSettings(settings: Record<string, unknown>): Record<string, string | number | boolean> {
  const shown: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (SECRET_KEY.test(key)) shown[key] = 'set';
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') shown[key] = value;
  }
  return shown;
}
