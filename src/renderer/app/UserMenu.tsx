import { useEffect, useRef, useState } from 'react';
import type { User } from '../../shared/conversation';
import { useHistory, useStores } from './stores-context';

const ROLE_LABELS = { agent: 'Agent', supervisor: 'Supervisor', admin: 'Administrator', wallboard: 'Wallboard' } as const;

/**
 * The signed-in user's menu: sign out (the cache stays, for this user's offline review) or clear
 * local data (everything cached here goes), which asks first because it cannot be undone.
 */
export function UserMenu({ user }: { user: User }) {
  const { session, history } = useStores();
  const [isOpen, setOpen] = useState(false);
  const [isConfirming, setConfirming] = useState(false);
  const isClearing = useHistory((state) => state.isClearing);
  const error = useHistory((state) => state.error);
  const menuRef = useRef<HTMLDivElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  const close = (): void => {
    setOpen(false);
    setConfirming(false);
  };

  // A click outside the menu closes it, as any menu does.
  useEffect(() => {
    if (!isOpen) return;
    const onPointerDown = (event: PointerEvent): void => {
      if (!menuRef.current?.contains(event.target as Node)) close();
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [isOpen]);

  // The safe choice takes focus when the confirmation appears.
  useEffect(() => {
    if (isConfirming) cancelRef.current?.focus();
  }, [isConfirming]);

  return (
    <div
      className="app-header__user user-menu"
      ref={menuRef}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && isOpen) {
          event.preventDefault();
          close();
        }
      }}
    >
      <button
        type="button"
        className="button button--quiet user-menu__button"
        aria-expanded={isOpen}
        aria-controls="user-menu-panel"
        onClick={() => (isOpen ? close() : setOpen(true))}
        data-testid="user-menu-button"
      >
        <span className="app-header__name" data-testid="current-user">
          <bdi>{user.name}</bdi>
          <span className="app-header__role">{ROLE_LABELS[user.role]}</span>
        </span>
        <span aria-hidden="true">▾</span>
      </button>
      {isOpen ? (
        <div className="user-menu__panel" id="user-menu-panel" data-testid="user-menu">
          {isConfirming ? (
            <div role="alertdialog" aria-labelledby="clear-data-title" aria-describedby="clear-data-text" data-testid="clear-data-confirm-step">
              <h2 id="clear-data-title" className="user-menu__title">
                Clear local data?
              </h2>
              <p id="clear-data-text" className="user-menu__text">
                Every conversation cached on this workstation is removed, with replies that have not been sent yet, and
                you are signed out. The hub keeps its copy. This cannot be undone.
              </p>
              {error ? (
                <p className="form-error" role="alert">
                  {error}
                </p>
              ) : null}
              <div className="user-menu__actions">
                <button type="button" className="button button--quiet" ref={cancelRef} onClick={() => setConfirming(false)} data-testid="clear-data-cancel">
                  Keep my data
                </button>
                <button
                  type="button"
                  className="button button--danger"
                  disabled={isClearing}
                  onClick={() => void history.getState().clearLocalData()}
                  data-testid="clear-data-confirm"
                >
                  {isClearing ? 'Clearing…' : 'Clear and sign out'}
                </button>
              </div>
            </div>
          ) : (
            <ul className="user-menu__items" role="list">
              <li>
                <button type="button" className="user-menu__item" onClick={() => void session.getState().signOut()} data-testid="sign-out">
                  Sign out
                  <span className="user-menu__hint">Conversations stay on this workstation for you</span>
                </button>
              </li>
              <li>
                <button type="button" className="user-menu__item user-menu__item--danger" onClick={() => setConfirming(true)} data-testid="clear-data">
                  Clear local data…
                  <span className="user-menu__hint">Remove everything cached here and sign out</span>
                </button>
              </li>
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
