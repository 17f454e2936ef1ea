/**
 * One timer per open offer. A timer only names the offer it was armed for; when it fires, the
 * lifecycle decides whether that offer is still the current one (accepted or declined offers are
 * left alone), so a stale timer is harmless and nothing here needs cancelling on accept.
 */
export interface OfferRef {
  conversationId: string;
  agentId: string;
  offeredAt: string;
  expiresAt: string;
}

export function createOfferTimers(now: () => Date, onExpired: (offer: OfferRef) => void) {
  const timers = new Set<NodeJS.Timeout>();
  return {
    arm(offer: OfferRef): void {
      const delay = Math.max(0, new Date(offer.expiresAt).getTime() - now().getTime());
      const timer = setTimeout(() => {
        timers.delete(timer);
        onExpired(offer);
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
