import type { Turn } from '../../shared/envelope';
import { parseWith } from '../../shared/validation';
import { handoffActivity, isUser, pvaValue, transcriptContent, type TranscriptActivity } from './botframework-schema';
import { fromRelayedActivity, RELAYED_TYPES } from './botframework-relay';
import { readHandoffContext } from './context';
import { finish, ignored, invalid } from './finish';
import { boundedId, channelFrom, clipShort, clipTurn, customerName, describeValue, stableId, toIsoTime } from './normalize';
import { isRecord, joinPath, optionalShort, prefixed } from './shape';
import { statelessAdapter, type Adapter, type AdapterContext, type AdapterOutcome } from './types';

/**
 * Microsoft Bot Framework (and Power Virtual Agents / Copilot Studio): the `handoff.initiate` event
 * activity, alone or inside a Direct Line `GET activities` answer, and after it the user's
 * activities the bot relays. Where each shape comes from: see botframework-schema.ts.
 */

const isHandoffInitiate = (value: unknown): boolean =>
  isRecord(value) && value.type === 'event' && value.name === 'handoff.initiate';

function translate(payload: unknown, ctx: AdapterContext): AdapterOutcome {
  if (!isRecord(payload)) return invalid([{ path: '(root)', message: 'expected an activity object' }]);
  // A Direct Line `GET activities` answer: the handoff is the latest handoff.initiate in it.
  if (Array.isArray(payload.activities) && payload.type === undefined) {
    const index = payload.activities.findLastIndex(isHandoffInitiate);
    if (index < 0) return ignored('no handoff.initiate activity among the activities');
    return fromHandoff(payload.activities[index], `activities[${index}]`, ctx);
  }
  if (isHandoffInitiate(payload)) return fromHandoff(payload, '', ctx);
  if (typeof payload.type === 'string' && RELAYED_TYPES.has(payload.type)) return fromRelayedActivity(payload, ctx);
  return ignored(`activity ${describeValue(payload.type)}/${describeValue(payload.name)} is neither a handoff.initiate event nor a relayed user activity`);
}

function fromHandoff(raw: unknown, at: string, ctx: AdapterContext): AdapterOutcome {
  const parsed = parseWith(handoffActivity, raw);
  if (!parsed.ok) return invalid(prefixed(parsed.problems, at));
  const activity = parsed.value;
  const pva = isRecord(activity.value) ? parseWith(pvaValue, activity.value) : undefined;
  if (pva && !pva.ok) return invalid(prefixed(pva.problems, joinPath(at, 'value')));
  const transcriptAt = activity.attachments?.findIndex(isTranscript) ?? -1;
  const content = transcriptAt >= 0 ? parseWith(transcriptContent, activity.attachments?.[transcriptAt]?.content) : undefined;
  if (content && !content.ok) return invalid(prefixed(content.problems, joinPath(at, `attachments[${transcriptAt}].content`)));

  const value = pva?.value ?? {};
  const relatesTo = activity.relatesTo;
  const conversationId = activity.conversation?.id ?? relatesTo?.conversation?.id ?? value.va_ConversationId;
  if (!conversationId) return invalid([{ path: joinPath(at, 'conversation.id'), message: 'the handoff names no conversation' }]);

  const history = content?.value.activities ?? [];
  // createHandoffInitiation sends the event `from` the user; a Power Virtual Agents hub sends it from the bot.
  const historyUser = history.find((a) => a.from?.role === 'user')?.from;
  const fromIsUser = isUser(activity.from, relatesTo?.user?.id ?? historyUser?.id);
  const user = relatesTo?.user ?? (fromIsUser ? activity.from : undefined) ?? historyUser;
  const bot = value.va_BotName ?? relatesTo?.bot?.name ?? (fromIsUser ? undefined : activity.from?.name);
  const fallbackTime = toIsoTime(activity.timestamp, ctx.now().toISOString());
  const transcript = toTurns(history, user?.id, fallbackTime);
  const context = readHandoffContext(freeForm(activity.value));
  // relatesTo carries the locale of the user's own activity; va_Language is the bot's.
  const language = relatesTo?.locale ?? value.va_Language ?? history.find((a) => a.from?.role === 'user' && a.locale)?.locale;
  const agentMessage = value.va_AgentMessage?.trim();
  const reason = context.reason ?? (agentMessage ? { kind: 'unknown' as const, detail: agentMessage, source: 'bot' as const } : undefined);
  const topic = value.va_LastTopic ? clipShort(value.va_LastTopic) : undefined;
  // The SDK gives every call a new id and timestamp, so a retried handoff is known by the user's
  // activity it answers, or else by how far the conversation had got.
  const turnKey = activity.replyToId ?? relatesTo?.activityId ?? `u${transcript.filter((t) => t.author === 'customer').length}`;

  return finish({
    v: 1,
    id: stableId('botframework', conversationId, turnKey),
    source: { platform: 'botframework', bot: optionalShort(bot), conversationId: clipShort(conversationId) },
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
    routing: { ...context.routing, language: optionalShort(language), channel: channelFrom(activity.channelId ?? relatesTo?.channelId) },
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
    lastTime = toIsoTime(activity.timestamp, lastTime);
    turns.push({
      id: boundedId(activity.id ?? `a${index}`),
      at: lastTime,
      author: isUser(activity.from, userId) ? 'customer' : 'bot',
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

export const botframeworkAdapter: Adapter = statelessAdapter('botframework', translate);
