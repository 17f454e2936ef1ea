import { useStores } from '../../app/stores-context';
import './turn-links.css';

/**
 * Links in a turn are never clickable text: the agent sees the URL as typed and opens it only by
 * pressing "Open link", which asks the core to check it against the allowlist. Rendered only for a
 * turn that has links (TurnView.links), so most rows never read the stores.
 */
export function TurnLinks({ links }: { links: readonly string[] }) {
  const { actions, conversation } = useStores();
  const open = (url: string): void => {
    const conversationId = conversation.getState().openId;
    if (conversationId) void actions.getState().openLink(conversationId, url);
  };
  return (
    <ul className="turn__links" aria-label="Links in this message">
      {links.map((url) => (
        <li key={url}>
          <button type="button" className="button button--quiet turn__link" onClick={() => open(url)} data-testid="open-link">
            Open link
            <span className="visually-hidden">: </span>
            <bdi className="turn__link-url">{url}</bdi>
          </button>
        </li>
      ))}
    </ul>
  );
}
