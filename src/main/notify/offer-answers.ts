import type { DeclineReason } from '../../shared/conversation';
import type { Notifier } from './notifier';

/**
 * How an offer declined from the notification is recorded. 'busy': the agent said "not now"
 * without opening the card, so they cannot have judged skill or language ('wrong_skill',
 * 'wrong_language'), and 'break' would claim more than a button press says. The reason text lets
 * a supervisor tell these declines from ones typed on the card.
 */
export const NOTIFICATION_DECLINE: { code: DeclineReason; reason: string } = { code: 'busy', reason: 'Declined from the notification' };

export interface OfferAnswers {
  /** The core's accept: the same path as the card's Accept button. */
  accept(id: string): Promise<unknown>;
  /** The core's decline: the same path as the card's Decline. */
  decline(id: string, reason: string, code: DeclineReason): Promise<unknown>;
  /** After an accept: bring the conversation to the front, as a click would. */
  opened(id: string): void;
}

/**
 * Gives the notifications of answerable offers their Accept and Decline, answered through the
 * core. A refusal (the offer expired, went to someone else, the hub is unreachable) is shown the
 * way it is on the card: the hub's own message, here in a follow-up notification, since the agent
 * answered without looking at the app. Only the customer's name goes with it, as in the offer.
 */
export function answeringOffers(notifier: Notifier, answers: OfferAnswers): Notifier {
  return {
    notify(notification, actions) {
      // The OS notifiers read answerability from the actions given, so the flag stops here.
      const { answerable, ...shown } = notification;
      if (!answerable) return notifier.notify(shown, actions);
      const { id, title: customer } = shown;
      const refused = (verb: string) => (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        notifier.notify({ id, title: `Could not ${verb} the offer`, body: `${customer}: ${message}` }, { focus: actions.focus });
      };
      // One answer per offer: a second press must not answer it twice.
      let answered = false;
      const once = (answer: () => Promise<unknown>) => () => {
        if (answered) return;
        answered = true;
        void answer();
      };
      notifier.notify(shown, {
        focus: actions.focus,
        accept: once(() => answers.accept(id).then(() => answers.opened(id), refused('accept'))),
        decline: once(() => answers.decline(id, NOTIFICATION_DECLINE.reason, NOTIFICATION_DECLINE.code).catch(refused('decline'))),
      });
    },
  };
}
