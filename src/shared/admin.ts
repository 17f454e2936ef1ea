import { z } from 'zod';

/**
 * The administration API (`/v1/admin/...`): what an admin sets up in the hub, as schemas both the
 * hub (validating requests) and the app (typing answers) read.
 */

export const STAFF_ROLES = ['agent', 'supervisor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

const id = z.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, - and _, at most 40');
const name = z.string().trim().min(1, 'must not be empty').max(120);
const language = z.string().trim().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'a language code such as en or pt-BR');
export const emailSchema = z.string().trim().toLowerCase().max(254).regex(/^[^\s@]+@[^\s@]+$/, 'an email address');

const personFields = {
  email: emailSchema,
  name,
  role: z.enum(STAFF_ROLES),
  capacity: z.number().int().min(0).max(50),
  skills: z.array(id).max(100),
  languages: z.array(language).max(30),
  queues: z.array(id).max(200),
};

export const personInputSchema = z.strictObject({
  ...personFields,
  capacity: personFields.capacity.default(3),
  skills: personFields.skills.default([]),
  languages: personFields.languages.default([]),
  queues: personFields.queues.default([]),
});
export type PersonInput = z.infer<typeof personInputSchema>;

// Without defaults: a field left out of a change keeps its value.
const { email: _email, ...changeablePersonFields } = personFields;
export const personPatchSchema = z.strictObject(changeablePersonFields).partial();
export type PersonPatch = z.infer<typeof personPatchSchema>;

export interface Person {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  capacity: number;
  skills: string[];
  languages: string[];
  queues: string[];
  isActive: boolean;
}

/** A one-time password code: shown once, to be passed on to the person. */
export interface PasswordCode {
  code: string;
  expiresAt: string;
}

export const importRequestSchema = z.strictObject({
  csv: z.string().max(1_000_000),
  /** Without it the answer is only the preview; nothing is written. */
  apply: z.boolean().default(false),
});

export interface ImportRowPlan {
  line: number;
  email: string;
  action: 'create' | 'update' | 'unchanged';
  /** Field names whose value changes, for an update. */
  changes: string[];
}
export interface ImportProblem {
  line: number;
  message: string;
}
export interface ImportPreview {
  rows: ImportRowPlan[];
  problems: ImportProblem[];
  isApplied: boolean;
}

export const skillInputSchema = z.strictObject({ id, name });
export interface Skill {
  id: string;
  name: string;
}

const serviceLevelSchema = z.strictObject({
  /** Answered within this many seconds counts as within the service level. */
  targetSeconds: z.number().int().min(1).max(86_400),
  /** The share of chats (percent) that should be answered within the target. */
  thresholdPercent: z.number().int().min(1).max(100),
});

const queueFields = {
  name,
  requiredSkills: z.array(id).max(50),
  language: language.nullable(),
  serviceLevel: serviceLevelSchema,
  /** Seconds an agent has to accept an offer in this queue; null: the hub's default. */
  offerTimeoutSeconds: z.number().int().min(5).max(3600).nullable(),
  /** Supervisors (user ids) who watch this queue. */
  supervisors: z.array(z.string().min(1).max(100)).max(200),
};

export const queueInputSchema = z.strictObject({
  id,
  ...queueFields,
  requiredSkills: queueFields.requiredSkills.default([]),
  language: queueFields.language.default(null),
  serviceLevel: serviceLevelSchema.default({ targetSeconds: 60, thresholdPercent: 80 }),
  offerTimeoutSeconds: queueFields.offerTimeoutSeconds.default(null),
  supervisors: queueFields.supervisors.default([]),
});
export type QueueInput = z.infer<typeof queueInputSchema>;
// Without defaults: a field left out of a change keeps its value.
export const queuePatchSchema = z.strictObject(queueFields).partial();
export type QueuePatch = z.infer<typeof queuePatchSchema>;

export interface QueueSettings {
  id: string;
  name: string;
  requiredSkills: string[];
  language: string | null;
  serviceLevel: { targetSeconds: number; thresholdPercent: number };
  offerTimeoutSeconds: number | null;
  supervisors: string[];
  /** Conversations waiting, offered or being handled in it now. */
  liveChats: number;
}

export const INTEGRATION_PLATFORMS = ['generic', 'chatwoot', 'botpress', 'botframework', 'dialogflow-cx', 'rasa'] as const;
export type IntegrationPlatform = (typeof INTEGRATION_PLATFORMS)[number];

/** Channel settings are checked against the platform's own schema by the hub. */
const channelSettings = z.record(z.string().max(100), z.union([z.string().max(2000), z.number(), z.boolean()]));

export const integrationInputSchema = z.strictObject({
  id,
  name,
  platform: z.enum(INTEGRATION_PLATFORMS),
  defaultQueue: id,
  /** What the platform's channel needs (Chatwoot: baseUrl, accountId, apiAccessToken; Botpress: webhookUrl). */
  settings: channelSettings.default({}),
});
export type IntegrationInput = z.infer<typeof integrationInputSchema>;
export const integrationPatchSchema = z.strictObject({
  name: name.optional(),
  defaultQueue: id.optional(),
  /** Replaces the channel settings; a secret left out keeps its stored value. */
  settings: channelSettings.optional(),
});
export type IntegrationPatch = z.infer<typeof integrationPatchSchema>;

export const rotateTokenSchema = z.strictObject({
  /** How long the old token keeps working beside the new one, so the bot can be redeployed. */
  overlapMinutes: z.number().int().min(0).max(7 * 24 * 60).default(60),
});

export interface IntegrationSettings {
  id: string;
  name: string;
  platform: IntegrationPlatform;
  defaultQueue: string;
  /** Where this bot posts its handoffs (relative to the hub's address). */
  handoffPath: string;
  /** The channel settings with every secret shown only as "set". */
  settings: Record<string, string | number | boolean>;
  callbackUrl: string | null;
  isSigned: boolean;
  revokedAt: string | null;
  previousTokenExpiresAt: string | null;
  lastDelivery: { at: string; status: 'delivered' | 'failed' | 'pending'; error: string | null } | null;
}

/** A new integration token: shown once, with the integration. */
export interface IntegrationWithToken {
  integration: IntegrationSettings;
  token: string;
}

export const screenInputSchema = z.strictObject({
  name,
  queues: z.array(id).min(1, 'show at least one queue').max(50),
});
export interface WallScreen {
  id: string;
  name: string;
  queues: string[];
  isActive: boolean;
}
export interface WallScreenWithUrl {
  screen: WallScreen;
  /** The board's address with its token: shown once. */
  path: string;
}

export const retentionSchema = z.strictObject({
  /** Closed conversations older than this are purged from the hub; null keeps them. */
  hubDays: z.number().int().min(1).max(3650).nullable(),
  /** What a desktop cache keeps by default. */
  desktopCacheDays: z.number().int().min(1).max(3650),
});
export type Retention = z.infer<typeof retentionSchema>;

/** `GET /v1/me/settings`: what a workstation applies from the hub unless its user chose otherwise. */
export const workstationSettingsSchema = z.object({
  /** Days the desktop cache keeps a conversation after its last activity: the admin's default. */
  cacheRetentionDays: retentionSchema.shape.desktopCacheDays,
});
export type WorkstationSettings = z.infer<typeof workstationSettingsSchema>;

export const setPasswordSchema = z.strictObject({
  code: z.string().trim().min(10).max(200),
  password: z.string().min(10, 'at least 10 characters').max(200),
});

export interface AuditEntry {
  seq: number;
  at: string;
  actor: { id: string; name: string };
  action: string;
  target: { kind: string; id: string };
  before: unknown;
  after: unknown;
}
