import type { ConversationView, TransferNote } from '../../shared/conversation';
import type { Preferences } from '../../shared/ipc';
import { offerNotification } from './notification-text';
import type { Notifier } from './notifier';

export interface AnnouncerDeps {
  notifier: Notifier;
  /** Records an announcement key; false when it was announced before (persisted across restarts). */
  claim(key: string): boolean;
  preferences(): Preferences;
  /** The signed-in user's id; nothing is announced while signed out. */
  userId(): string | null;
  now(): Date;
  /** A click on the notification: bring that conversation to the front. */
  focus(conversationId: string): void;
}

/** An offer this agent can still answer: the notification may carry Accept and Decline. */
const isOpenOfferTo = (view: ConversationView, me: string): boolean => view.state === 'offered' && view.offer?.agentId === me;

const isToMe = (transfer: TransferNote | null | undefined, me: string): transfer is TransferNote =>
  transfer?.to.kind === 'agent' && transfer.to.id === me;

/**
 * Decides which hub changes become OS notifications: every new offer to this agent and every warm
 * transfer addressed to them, each once. Do-not-disturb silences offers but not transfers to this
 * agent: a colleague handing over a customer by name expects to be heard.
 *
 * A transfer to an agent usually also arrives as an offer to them; both paths share one key (the
 * transfer's time), so the agent hears it once, as a transfer.
 *
 * The notification says whether it can be answered; the Accept/Decline themselves are attached by
 * offer-answers.ts, which the core wraps around the OS notifier.
 */
export function createAnnouncer(deps: AnnouncerDeps) {
  /** `wording` differs from `kind` for an offer that a transfer to a queue routed here: silenced like an offer, worded as a transfer. */
  function announce(view: ConversationView, key: string, kind: 'offer' | 'transfer', me: string, wording: 'offer' | 'transfer' = kind): void {
    const preferences = deps.preferences();
    if (kind === 'offer' && preferences.doNotDisturb) return;
    if (!deps.claim(key)) return;
    const text = offerNotification(view, deps.now(), wording);
    // A transfer to this agent arrives as an offer to them, so it is answerable too.
    const notification = { id: view.id, ...text, sound: preferences.sound, answerable: isOpenOfferTo(view, me) };
    deps.notifier.notify(notification, { focus: () => deps.focus(view.id) });
  }

  const transferKey = (view: ConversationView, transfer: TransferNote) => `transfer:${view.id}:${transfer.at}`;

  return {
    /** A conversation the hub offered; announced only if it is still offered to this user. */
    offered(view: ConversationView): void {
      const me = deps.userId();
      if (!me || !view.offer || !isOpenOfferTo(view, me)) return;
      if (isToMe(view.transfer, me) && view.transfer.at <= view.offer.offeredAt) {
        announce(view, transferKey(view, view.transfer), 'transfer', me);
      } else {
        const isWarm = view.transfer?.to.kind === 'queue' && view.transfer.at <= view.offer.offeredAt;
        announce(view, `offer:${view.id}:${view.offer.offeredAt}`, 'offer', me, isWarm ? 'transfer' : 'offer');
      }
    },

    /** A warm transfer; announced when it names this user as the receiving agent. */
    transferred(view: ConversationView, transfer: TransferNote): void {
      const me = deps.userId();
      if (!me || !isToMe(transfer, me)) return;
      announce(view, transferKey(view, transfer), 'transfer', me);
    },
  };
}

export type Announcer = ReturnType<typeof createAnnouncer>;
