import { hasRoom, hasSkills, speaks, type Candidate, type Needs } from './choose-agent';

/**
 * Why nobody is eligible for a conversation, in words a bot can pass on to the customer and a
 * supervisor can act on; null when someone is. The first unmet rule is named, in the order a
 * supervisor would fix them: staff online, then skills, then language, then capacity.
 */
export function waitingReason(candidates: readonly Candidate[], needs: Needs): string | null {
  const available = candidates.filter((candidate) => candidate.presence === 'available');
  if (available.length === 0) {
    return candidates.some((candidate) => candidate.presence === 'away') ? 'every agent is away' : 'nobody is online';
  }
  const skilled = available.filter((candidate) => hasSkills(candidate, needs.skills));
  if (skilled.length === 0) {
    const missing = needs.skills.find((skill) => !available.some((candidate) => hasSkills(candidate, [skill])));
    return missing === undefined
      ? `no available agent has all of the skills ${needs.skills.join(', ')}`
      : `no agent with skill ${missing} is available`;
  }
  const speaking = skilled.filter((candidate) => speaks(candidate, needs.language));
  if (speaking.length === 0) return `no agent speaking ${needs.language} is available`;
  if (!speaking.some(hasRoom)) return 'all agents are full';
  return null;
}
