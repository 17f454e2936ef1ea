import { useEffect, useRef } from 'react';
import { SHORTCUTS } from './shortcuts';

/** The "?" overlay: every shortcut, in a modal dialog that returns focus where it came from. */
export function ShortcutHelp({ onClose }: { onClose(): void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => returnTo?.focus();
  }, []);

  return (
    <dialog ref={dialogRef} className="shortcut-help" aria-labelledby="shortcut-help-title" onClose={onClose} data-testid="shortcut-help">
      <h2 id="shortcut-help-title">Keyboard shortcuts</h2>
      <table className="shortcut-help__table">
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.keys}>
              <th scope="row">
                <kbd>{shortcut.keys}</kbd>
              </th>
              <td>{shortcut.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" className="button button--primary" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
