import type { Author, Channel, ReasonKind } from '../../shared/envelope';
import type { ConversationState, Disposition } from '../../shared/conversation';

/** Words an agent reads at a glance; one place so the inbox chip and the card always agree. */

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

/** Sentiment scores are −1…1; shown with a sign so "−0.6" is not read as a dash. */
export const formatScore = (score: number): string => `${score > 0 ? '+' : score < 0 ? '−' : '±'}${Math.abs(score).toFixed(2)}`;

export const sentimentLabelFromScore = (score: number): 'negative' | 'neutral' | 'positive' =>
  score <= -0.25 ? 'negative' : score >= 0.25 ? 'positive' : 'neutral';

const languageNames = (() => {
  try {
    return new Intl.DisplayNames(undefined, { type: 'language' });
  } catch {
    return null;
  }
})();

/** "de" → "German (de)"; anything the platform cannot name is shown as given. */
export const languageLabel = (code: string | undefined): string => {
  if (!code) return 'Unknown';
  try {
    const name = languageNames?.of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
};
