/** Routing is pure: who should get the next offer, from a snapshot of the agents. */

export interface Candidate {
  id: string;
  name: string;
  isAvailable: boolean;
  capacity: number;
  /** Offers plus assigned conversations. */
  load: number;
  /** Epoch ms since the agent last had a change of work: the longest idle goes first. */
  idleSince: number;
}

export function chooseAgent(candidates: Candidate[], excluded: ReadonlySet<string> = new Set()): Candidate | null {
  let best: Candidate | null = null;
  for (const candidate of candidates) {
    if (!candidate.isAvailable || candidate.load >= candidate.capacity || excluded.has(candidate.id)) continue;
    if (!best || candidate.idleSince < best.idleSince || (candidate.idleSince === best.idleSince && candidate.id < best.id)) {
      best = candidate;
    }
  }
  return best;
}
