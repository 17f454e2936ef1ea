import { z } from 'zod';
import {
  importRequestSchema,
  integrationInputSchema,
  personInputSchema,
  personPatchSchema,
  queueInputSchema,
  queuePatchSchema,
  retentionSchema,
  screenInputSchema,
  skillInputSchema,
  type AuditEntry,
  type ImportPreview,
  type IntegrationSettings,
  type IntegrationWithToken,
  type PasswordCode,
  type Person,
  type QueueSettings,
  type Retention,
  type Skill,
  type WallScreen,
  type WallScreenWithUrl,
} from './admin';
import { channel } from './ipc-channel';

/** A one-time password code with the hub page (path) that takes it. */
export type PasswordCodeWithPath = PasswordCode & { path: string };

const ref = z.strictObject({ id: z.string().min(1).max(200) });

/** The Administration area's channels: each one admin API call, the hub checks the role. */
export const adminChannels = {
  'admin:people': channel<Person[]>()(z.undefined()),
  'admin:person-add': channel<{ person: Person; passwordCode: PasswordCodeWithPath }>()(personInputSchema),
  'admin:person-update': channel<Person>()(z.strictObject({ id: z.string().min(1).max(200), patch: personPatchSchema })),
  'admin:person-deactivate': channel<Person>()(ref),
  'admin:person-reactivate': channel<{ person: Person; passwordCode: PasswordCodeWithPath }>()(ref),
  'admin:password-code': channel<PasswordCodeWithPath>()(ref),
  'admin:people-import': channel<ImportPreview & { passwordCodes?: { email: string; passwordCode: PasswordCodeWithPath }[] }>()(importRequestSchema),
  'admin:skills': channel<Skill[]>()(z.undefined()),
  'admin:skill-save': channel<Skill>()(skillInputSchema),
  'admin:queues': channel<QueueSettings[]>()(z.undefined()),
  'admin:queue-create': channel<QueueSettings>()(queueInputSchema),
  'admin:queue-update': channel<QueueSettings>()(z.strictObject({ id: z.string().min(1).max(200), patch: queuePatchSchema })),
  'admin:queue-remove': channel<null>()(ref),
  'admin:integrations': channel<IntegrationSettings[]>()(z.undefined()),
  'admin:integration-create': channel<IntegrationWithToken>()(integrationInputSchema),
  'admin:integration-rotate': channel<IntegrationWithToken>()(z.strictObject({ id: z.string().min(1).max(200), overlapMinutes: z.number().int().min(0).max(10_080) })),
  'admin:integration-revoke': channel<IntegrationSettings>()(ref),
  'admin:screens': channel<WallScreen[]>()(z.undefined()),
  'admin:screen-create': channel<WallScreenWithUrl>()(screenInputSchema),
  'admin:screen-revoke': channel<WallScreen>()(ref),
  'admin:audit': channel<{ entries: AuditEntry[]; nextBefore: number | null }>()(z.strictObject({ before: z.number().int().min(1).optional() })),
  'admin:audit-csv': channel<{ fileName: string; csv: string }>()(z.undefined()),
  'admin:retention': channel<Retention>()(z.undefined()),
  'admin:retention-set': channel<Retention>()(retentionSchema),
};

export type AdminChannelName = keyof typeof adminChannels;
