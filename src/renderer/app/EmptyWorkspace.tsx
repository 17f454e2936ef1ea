import { useInbox, useSession } from './stores-context';
import { selectOfferCount } from '../features/inbox/inbox-selectors';
import { selectUser } from '../features/session/session-selectors';

/** What the agent sees between conversations: how many offers wait, and how to move by keyboard. */
export function EmptyWorkspace() {
  const userId = useSession(selectUser)?.id ?? null;
  const offers = useInbox((state) => selectOfferCount(state, userId));
  return (
    <div className="empty" data-testid="workspace-empty">
      <h2 className="empty__title">{offers > 0 ? `${offers} ${offers === 1 ? 'offer is' : 'offers are'} waiting` : 'All quiet'}</h2>
      <p className="empty__text">
        {offers > 0
          ? 'Open an offer from the inbox to see the handoff card.'
          : 'New handoffs appear in the inbox and raise a notification naming the customer and the issue.'}
      </p>
      <h3 className="empty__subtitle">Keyboard</h3>
      <dl className="shortcuts">
        <div>
          <dt>
            <kbd>↑</kbd> <kbd>↓</kbd>
          </dt>
          <dd>Move through the inbox</dd>
        </div>
        <div>
          <dt>
            <kbd>Enter</kbd>
          </dt>
          <dd>Open the conversation; an offer's card takes focus</dd>
        </div>
        <div>
          <dt>
            <kbd>A</kbd> / <kbd>D</kbd>
          </dt>
          <dd>Accept / decline the focused offer</dd>
        </div>
        <div>
          <dt>
            <kbd>Enter</kbd> · <kbd>Shift</kbd>+<kbd>Enter</kbd>
          </dt>
          <dd>Send a reply · new line</dd>
        </div>
        <div>
          <dt>
            <kbd>Esc</kbd>
          </dt>
          <dd>Back to the inbox</dd>
        </div>
      </dl>
    </div>
  );
}
