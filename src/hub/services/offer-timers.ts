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
 * its failure reported); the timer only decides when.
 */
export function createOfferTimers(now: () => Date, onExpired: (offer: OfferRef) => Promise<void>, run: (work: () => Promise<void>) => Promise<void>) {
  const timers = new Set<NodeJS.Timeout>();
  return {
    arm(offer: OfferRef): void {
      const delay = Math.max(0, new Date(offer.expiresAt).getTime() - now().getTime());
      const timer = setTimeout(() => {
        timers.delete(timer);
        void run(() => onExpired(offer));
      }, delay);
      timer.unref();
      timers.add(timer);
    },
    stop(): void {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
