import type { Presence } from '../../shared/conversation';

/**
 * Routing is pure: who may get an offer and who should, from a snapshot of the agents. The rules:
 * an agent is eligible when available (never away or offline), below capacity, holding every
 * required skill (the queue's and the conversation's) and speaking its language when one is set;
 * the best eligible agent is the one idle longest.
 */

export interface Candidate {
  id: string;
  name: string;
  presence: Presence;
  capacity: number;
  /** Offers plus assigned conversations. */
  load: number;
  /** Epoch ms since the agent last had a change of work: the longest idle goes first. */
  idleSince: number;
  skills: readonly string[];
  languages: readonly string[];
}

/** What a conversation needs of an agent: all of these skills, and this language when not null. */
export interface Needs {
  skills: readonly string[];
  language: string | null;
}

export const NO_NEEDS: Needs = { skills: [], language: null };

const skillKey = (skill: string) => skill.trim().toLowerCase();

/** `en-GB` is served by an agent who speaks `en`: languages match on their primary subtag. */
export const languageKey = (language: string) => language.trim().toLowerCase().split(/[-_]/)[0] ?? '';

export function hasSkills(candidate: Pick<Candidate, 'skills'>, skills: readonly string[]): boolean {
  const held = new Set(candidate.skills.map(skillKey));
  return skills.every((skill) => held.has(skillKey(skill)));
}

export function speaks(candidate: Pick<Candidate, 'languages'>, language: string | null): boolean {
  if (language === null || languageKey(language) === '') return true;
  const wanted = languageKey(language);
  return candidate.languages.some((spoken) => languageKey(spoken) === wanted);
}

export const hasRoom = (candidate: Pick<Candidate, 'load' | 'capacity'>): boolean => candidate.load < candidate.capacity;

export function isEligible(candidate: Candidate, needs: Needs): boolean {
  return candidate.presence === 'available' && hasRoom(candidate) && hasSkills(candidate, needs.skills) && speaks(candidate, needs.language);
}

/** The longest-idle eligible agent not in `excluded`; ties go to the smaller id, so runs repeat. */
export function chooseAgent(candidates: readonly Candidate[], needs: Needs = NO_NEEDS, excluded: ReadonlySet<string> = new Set()): Candidate | null {
  let best: Candidate | null = null;
  for (const candidate of candidates) {
    if (excluded.has(candidate.id) || !isEligible(candidate, needs)) continue;
    if (!best || candidate.idleSince < best.idleSince || (candidate.idleSince === best.idleSince && candidate.id < best.id)) {
      best = candidate;
    }
  }
  return best;
}

/** Needs of a conversation in a queue: the queue's skills plus its own, its language or the queue's. */
export function needsOf(queue: Needs, conversation: Needs): Needs {
  const skills = [...new Map([...queue.skills, ...conversation.skills].map((skill) => [skillKey(skill), skill])).values()];
  return { skills, language: conversation.language ?? queue.language };
}
