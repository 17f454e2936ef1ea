import type { Author } from '../../shared/envelope';
import type { FieldProblem } from '../../shared/validation';
import { clipShort } from './normalize';

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const joinPath = (at: string, path: string): string => (at ? `${at}.${path}` : path);

/** Problems found inside a nested part, addressed from the root of the payload. */
export const prefixed = (problems: FieldProblem[], at: string): FieldProblem[] =>
  at ? problems.map((p) => ({ ...p, path: p.path === '(root)' ? at : `${at}.${p.path}`.replace('.[', '[') })) : problems;

export const optionalShort = (value: string | undefined): string | undefined =>
  value?.trim() ? clipShort(value.trim()) : undefined;

const AUTHOR_WORDS: Record<string, Author> = {
  customer: 'customer',
  user: 'customer',
  end_user: 'customer',
  'end-user': 'customer',
  enduser: 'customer',
  human: 'customer',
  contact: 'customer',
  bot: 'bot',
  assistant: 'bot',
  virtual_agent: 'bot',
  automated_agent: 'bot',
  agent: 'agent',
  human_agent: 'agent',
  supervisor: 'supervisor',
  system: 'system',
};

/** The author a platform means by its own word for a participant (Dialogflow says END_USER, Botpress BOT). */
export const authorFrom = (word: string): Author | undefined =>
  Object.hasOwn(AUTHOR_WORDS, word.toLowerCase()) ? AUTHOR_WORDS[word.toLowerCase()] : undefined;
