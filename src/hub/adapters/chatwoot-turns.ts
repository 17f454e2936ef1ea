import { ATTACHMENT_LIMITS, type Turn } from '../../shared/envelope';
import type { ChatwootAttachment, ChatwootConversationEvent, ChatwootMessage } from './chatwoot-schema';
import { clipShort, clipTurn, toIsoTime } from './normalize';
import { optionalShort } from './shape';
import type { InboundAttachment } from './types';

/**
 * One Chatwoot message as a transcript turn or a customer's message. Shapes from chatwoot/chatwoot:
 * `Message#webhook_data` (app/models/message.rb; `message_type` by name, or by the enum's integer in
 * the conversation payload's `messages`) and `Attachment#push_event_data` (app/models/attachment.rb:
 * `file_type`, `data_url`, `extension`, `file_size`; no name and no MIME type).
 */

const TYPE_BY_NUMBER = ['incoming', 'outgoing', 'activity', 'template'] as const;
/** Attachment kinds that are files at `data_url`; location, contact and fallback cards are links or text. */
const FILE_TYPES = new Set(['image', 'audio', 'video', 'file', 'story_mention', 'ig_reel', 'ig_post', 'ig_story']);

export const messageTypeOf = (message: ChatwootMessage): string =>
  typeof message.message_type === 'number' ? (TYPE_BY_NUMBER[message.message_type] ?? 'unknown') : message.message_type;

/** The files of a message, as the hub fetches them; cards without a file become words in the text. */
export function attachmentsOf(message: ChatwootMessage): { files: InboundAttachment[]; words: string[] } {
  const files: InboundAttachment[] = [];
  const words: string[] = [];
  for (const attachment of message.attachments ?? []) {
    const file = fileOf(attachment);
    if (file && files.length < ATTACHMENT_LIMITS.maxPerTurn) files.push(file);
    else if (!file) words.push(`[${clipShort(attachment.file_type ?? 'attachment')}]`);
  }
  return { files, words };
}

function fileOf(attachment: ChatwootAttachment): InboundAttachment | undefined {
  const kind = attachment.file_type ?? 'file';
  const url = attachment.data_url ?? '';
  if (!FILE_TYPES.has(kind) || !/^https?:\/\//i.test(url) || url.length > ATTACHMENT_LIMITS.maxUrl) return undefined;
  const name = nameFromUrl(url, attachment.extension ?? undefined);
  return {
    url,
    ...(name ? { name } : {}),
    ...(typeof attachment.file_size === 'number' ? { size: attachment.file_size } : {}),
  };
}

/** Chatwoot links a file by its storage URL, whose last segment is the uploaded file's name. */
function nameFromUrl(url: string, extension: string | undefined): string | undefined {
  let segment: string;
  try {
    segment = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
  } catch {
    return undefined;
  }
  const name = segment.trim() || (extension ? `file.${extension}` : '');
  return name ? name.slice(0, ATTACHMENT_LIMITS.maxName) : undefined;
}

/** The message as a turn of the bot's transcript; activity, private and empty messages are none. */
export function toTurn(message: ChatwootMessage, fallbackTime: string, contactName?: string): Turn | undefined {
  const type = messageTypeOf(message);
  if (type === 'activity' || message.private) return undefined;
  const { files, words } = attachmentsOf(message);
  const text = [message.content ?? '', ...words].filter(Boolean).join(' ');
  if (!text && files.length === 0) return undefined;
  const senderType = (message.sender?.type ?? message.sender_type ?? '').toLowerCase();
  const author = type === 'incoming' ? 'customer' : senderType === 'user' ? 'agent' : 'bot';
  return {
    id: `cw-${message.id}`,
    at: toIsoTime(message.created_at, fallbackTime),
    author,
    text: clipTurn(text),
    name: optionalShort((author === 'customer' ? contactName : undefined) ?? message.sender?.name ?? undefined),
    ...(files.length ? { attachments: files } : {}),
  };
}

/** Conversation events carry their latest message(s); they count as if the message webhook came. */
export function nestedTurns(conversation: ChatwootConversationEvent, now: string): Turn[] {
  return (conversation.messages ?? []).flatMap((message) => toTurn(message, now) ?? []);
}
