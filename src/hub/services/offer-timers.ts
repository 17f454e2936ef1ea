/**
 * One timer per open offer. A timer only names the offer it was armed for; when it fires, the
 * lifecycle decides (inside the store write that would end the offer) whether that offer is still
 * the current one, so a stale timer, or a second replica's timer for the same offer, is harmless
 * and nothing here needs cancelling on accept.
 */
export interface OfferRef {
  conversationId: string;
  agentId: string;
  offeredAt: string;
  expiresAt: string;
}

/**
 * `run` starts the expiry as work nobody awaits (the kernel's `detach`: outside any open write,
 * its failure reported); the timer only decides when. Arming an offer that already has its timer
 * here does nothing, so the replicas' periodic sweep of open offers adds no timers.
 */
export function createOfferTimers(now: () => Date, onExpired: (offer: OfferRef) => Promise<void>, run: (work: () => Promise<void>) => Promise<void>) {
  const timers = new Map<string, NodeJS.Timeout>();
  return {
    arm(offer: OfferRef): void {
      const key = `${offer.conversationId}\n${offer.agentId}\n${offer.offeredAt}`;
      if (timers.has(key)) return;
      const delay = Math.max(0, new Date(offer.expiresAt).getTime() - now().getTime());
      const timer = setTimeout(() => {
        timers.delete(key);
        void run(() => onExpired(offer));
      }, delay);
      timer.unref();
      timers.set(key, timer);
    },
    stop(): void {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
