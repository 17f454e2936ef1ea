import type { ConversationState, DeliveryState, Disposition, MessageDelivery } from './conversation';
import type { AttachmentProblem, Author, Channel, ReasonKind } from './envelope';

/**
 * The words users read for the hub's codes, spelled once: the inbox, the handoff card, the quality
 * charts, the wallboard, the OS notification and the exported file all say the same thing.
 */

export const REASON_LABELS: Record<ReasonKind, string> = {
  customer_requested: 'Customer asked for a human',
  bot_failure: "Bot couldn't help",
  planned_escalation: 'Planned escalation',
  unknown: 'Reason unknown',
};

export const reasonLabel = (kind: ReasonKind | undefined): string => REASON_LABELS[kind ?? 'unknown'] ?? REASON_LABELS.unknown;

export const AUTHOR_LABELS: Record<Author, string> = {
  customer: 'Customer',
  bot: 'Bot',
  agent: 'Agent',
  supervisor: 'Supervisor',
  system: 'System',
};

/** Why a file the customer sent is not there to open: shown beside its name. */
export const ATTACHMENT_PROBLEM_LABELS: Record<AttachmentProblem, string> = {
  too_large: 'too large to keep',
  unreachable: 'could not be fetched from the platform',
  refused: 'refused: the link pointed somewhere the hub does not fetch from',
  empty: 'the file was empty',
};

export const STATE_LABELS: Record<ConversationState, string> = {
  bot: 'With the bot',
  queued: 'Waiting in queue',
  offered: 'Offered to you',
  assigned: 'Active',
  transferred: 'Transferred',
  resolved: 'Resolved',
  abandoned: 'Customer left',
  returned_to_bot: 'Back with the bot',
};

/** How a resolved conversation ended: the resolve dialog, the history filter and the journey say it alike. */
export const DISPOSITION_LABELS: Record<Disposition, string> = {
  solved: 'Solved',
  workaround: 'Workaround given',
  follow_up: 'Needs follow-up',
  not_solved: 'Not solved',
  duplicate: 'Duplicate',
  spam: 'Spam',
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  web: 'Web chat',
  whatsapp: 'WhatsApp',
  sms: 'SMS',
  email: 'Email',
  voice: 'Voice',
  messenger: 'Messenger',
  other: 'Other',
};

export const channelLabel = (channel: string | undefined): string =>
  channel && channel in CHANNEL_LABELS ? CHANNEL_LABELS[channel as Channel] : channel || 'Unknown channel';

/** How far an agent's message got into the customer's channel, as the agent reads it under the message. */
export const DELIVERY_LABELS: Record<DeliveryState, string> = {
  sent: 'Sent',
  delivered: 'Delivered',
  retrying: 'Failed, retrying',
  failed: 'Failed',
};

/** The delivery line under a message: the platform's reason follows a failure, in its own words. */
export const deliveryLabel = (delivery: Pick<MessageDelivery, 'state' | 'error'>): string =>
  delivery.error && (delivery.state === 'failed' || delivery.state === 'retrying')
    ? `${DELIVERY_LABELS[delivery.state]}: ${delivery.error}`
    : DELIVERY_LABELS[delivery.state];

/** The platform a conversation's channel runs on, as supervisors read it. */
export const PLATFORM_LABELS: Record<string, string> = {
  generic: 'Generic webhook',
  'web-chat': 'Web chat',
  chatwoot: 'Chatwoot',
  botpress: 'Botpress',
  botframework: 'Bot Framework',
  'dialogflow-cx': 'Dialogflow CX',
  rasa: 'Rasa',
};

export const platformLabel = (platform: string): string => PLATFORM_LABELS[platform] ?? platform;
