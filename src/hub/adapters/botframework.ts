import { z } from 'zod';
import type { Turn } from '../../shared/envelope';
import { parseWith } from '../../shared/validation';
import { readHandoffContext } from './context';
import { finish, ignored, invalid } from './finish';
import { boundedId, channelFrom, clipShort, clipTurn, customerName, describeValue, stableId, toIsoTime } from './normalize';
import { isRecord, joinPath, optionalShort, prefixed } from './shape';
import type { Adapter, AdapterContext, AdapterOutcome } from './types';

/**
 * Microsoft Bot Framework (and Power Virtual Agents / Copilot Studio): the `handoff.initiate` event
 * activity, alone or inside a Direct Line `GET activities` answer. The transcript is the attachment
 * named "Transcript"; `value` is free-form (PVA fills `va_*` keys).
 */

// The platform's own objects: unknown keys are theirs and are let through; what we read is typed.
const channelAccount = z.looseObject({ id: z.string().optional(), name: z.string().optional(), role: z.string().optional() });
const attachment = z.looseObject({ contentType: z.string().optional(), name: z.string().optional(), content: z.unknown().optional() });
const transcriptActivity = z.looseObject({
  type: z.string().optional(),
  id: z.string().optional(),
  timestamp: z.string().optional(),
  channelId: z.string().optional(),
  from: channelAccount.optional(),
  text: z.string().nullish(),
  locale: z.string().optional(),
  attachments: z.array(attachment).optional(),
});
const transcriptContent = z.looseObject({ activities: z.array(transcriptActivity) });
const activitySchema = z.looseObject({
  type: z.literal('event'),
  name: z.literal('handoff.initiate'),
  id: z.string().optional(),
  timestamp: z.string().optional(),
  channelId: z.string().optional(),
  from: channelAccount.optional(),
  conversation: z.looseObject({ id: z.string().min(1) }).optional(),
  attachments: z.array(attachment).optional(),
  value: z.unknown().optional(),
  relatesTo: z
    .looseObject({
      user: channelAccount.optional(),
      bot: channelAccount.optional(),
      conversation: z.looseObject({ id: z.string().optional() }).optional(),
      channelId: z.string().optional(),
    })
    .optional(),
});
/** The `va_*` keys Power Virtual Agents documents for its handoff context. */
const pvaValue = z.looseObject({
  va_LastTopic: z.string().optional(),
  va_Topics: z.array(z.string()).optional(),
  va_LastPhrase: z.string().optional(),
  va_Phrases: z.array(z.string()).optional(),
  va_ConversationId: z.string().optional(),
  va_AgentMessage: z.string().optional(),
  va_BotName: z.string().optional(),
  va_Language: z.string().optional(),
});

type TranscriptActivity = z.infer<typeof transcriptActivity>;

const isHandoffInitiate = (value: unknown): boolean =>
  isRecord(value) && value.type === 'event' && value.name === 'handoff.initiate';

function translate(payload: unknown, ctx: AdapterContext): AdapterOutcome {
  if (!isRecord(payload)) return invalid([{ path: '(root)', message: 'expected an activity object' }]);
  // A Direct Line `GET activities` answer: the handoff is the latest handoff.initiate in it.
  if (Array.isArray(payload.activities) && payload.type === undefined) {
    const index = payload.activities.findLastIndex(isHandoffInitiate);
    if (index < 0) return ignored('no handoff.initiate activity among the activities');
    return fromActivity(payload.activities[index], `activities[${index}]`, ctx);
  }
  if (!isHandoffInitiate(payload)) {
    return ignored(`activity ${describeValue(payload.type)}/${describeValue(payload.name)} is not a handoff.initiate event`);
  }
  return fromActivity(payload, '', ctx);
}

function fromActivity(raw: unknown, at: string, ctx: AdapterContext): AdapterOutcome {
  const parsed = parseWith(activitySchema, raw);
  if (!parsed.ok) return invalid(prefixed(parsed.problems, at));
  const activity = parsed.value;
  const pva = isRecord(activity.value) ? parseWith(pvaValue, activity.value) : undefined;
  if (pva && !pva.ok) return invalid(prefixed(pva.problems, joinPath(at, 'value')));
  const transcriptAt = activity.attachments?.findIndex(isTranscript) ?? -1;
  const content = transcriptAt >= 0 ? parseWith(transcriptContent, activity.attachments?.[transcriptAt]?.content) : undefined;
  if (content && !content.ok) return invalid(prefixed(content.problems, joinPath(at, `attachments[${transcriptAt}].content`)));

  const value = pva?.value ?? {};
  const conversationId = activity.conversation?.id ?? activity.relatesTo?.conversation?.id ?? value.va_ConversationId;
  if (!conversationId) return invalid([{ path: joinPath(at, 'conversation.id'), message: 'the handoff names no conversation' }]);

  const history = content?.value.activities ?? [];
  const user = activity.relatesTo?.user ?? history.find((a) => a.from?.role === 'user')?.from;
  const fallbackTime = toIsoTime(activity.timestamp, ctx.now().toISOString());
  const transcript = toTurns(history, user?.id, fallbackTime);
  const context = readHandoffContext(freeForm(activity.value));
  const language = value.va_Language ?? history.find((a) => a.from?.role === 'user' && a.locale)?.locale;
  const agentMessage = value.va_AgentMessage?.trim();
  const reason = context.reason ?? (agentMessage ? { kind: 'unknown' as const, detail: agentMessage, source: 'bot' as const } : undefined);
  const topic = value.va_LastTopic ? clipShort(value.va_LastTopic) : undefined;

  return finish({
    v: 1,
    id: stableId('botframework', conversationId, activity.id ?? `t${history.length}`),
    source: { platform: 'botframework', bot: optionalShort(value.va_BotName ?? activity.from?.name ?? activity.relatesTo?.bot?.name), conversationId: clipShort(conversationId) },
    customer: {
      id: user?.id ? boundedId(user.id) : undefined,
      name: customerName(user?.name ?? context.customer.name, user?.id ?? conversationId),
      email: optionalShort(context.customer.email),
      phone: optionalShort(context.customer.phone),
      language: optionalShort(language),
    },
    issue: { ...context.issue, title: context.issue.title ?? topic, intent: context.issue.intent ?? topic },
    reason,
    summary: context.summary,
    fields: context.fields,
    transcript,
    routing: { ...context.routing, language: optionalShort(language), channel: channelFrom(activity.channelId ?? activity.relatesTo?.channelId) },
  });
}

const isTranscript = (item: { name?: string; content?: unknown }): boolean =>
  item.name?.toLowerCase() === 'transcript' || (isRecord(item.content) && Array.isArray(item.content.activities));

/** The free-form part of `value` without PVA's own keys, which are read above. */
const freeForm = (value: unknown): Record<string, unknown> => {
  if (typeof value === 'string') return { reason: value };
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('va_')));
};

function toTurns(history: TranscriptActivity[], userId: string | undefined, fallbackTime: string): Turn[] {
  const turns: Turn[] = [];
  let lastTime = fallbackTime;
  history.forEach((activity, index) => {
    if (activity.type !== undefined && activity.type !== 'message') return;
    const text = activity.text ?? attachmentsLabel(activity);
    if (!text) return;
    const isCustomer = activity.from?.role === 'user' || (activity.from?.role === undefined && userId !== undefined && activity.from?.id === userId);
    lastTime = toIsoTime(activity.timestamp, lastTime);
    turns.push({
      id: boundedId(activity.id ?? `a${index}`),
      at: lastTime,
      author: isCustomer ? 'customer' : 'bot',
      text: clipTurn(text),
      name: optionalShort(activity.from?.name),
    });
  });
  return turns;
}

/** A card or file with no text still happened; the agent sees that something was shown. */
function attachmentsLabel(activity: TranscriptActivity): string | undefined {
  const kinds = (activity.attachments ?? []).map((a) => a.name ?? a.contentType ?? 'attachment');
  return kinds.length ? `[${kinds.join(', ')}]` : undefined;
}

export const botframeworkAdapter: Adapter = { platform: 'botframework', translate };
