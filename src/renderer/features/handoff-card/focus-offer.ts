export const ACCEPT_BUTTON_ID = 'offer-accept';

/** Enter on the row of an offer already open: focus goes to its Accept, the first of its actions. */
export function focusOfferActions(): boolean {
  const accept = document.getElementById(ACCEPT_BUTTON_ID);
  accept?.focus();
  return accept !== null;
}
