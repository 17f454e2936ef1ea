import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useHistory, useStores } from '../../app/stores-context';
import { downloadExport } from './download';
import type { StaffNotesChoice } from './history-store';

/**
 * "Export" in the conversation header: the card, outcome and transcript as an HTML file, for review
 * or a complaint. A dialog asks first whether the staff-only notes (whispers, flags) go in, marked,
 * or are left out, because the file may be sent to the customer.
 */
export function ExportButton({ conversationId }: { conversationId: string }) {
  const [isChoosing, setChoosing] = useState(false);
  const error = useHistory((state) => (state.exportError?.conversationId === conversationId ? state.exportError.message : null));

  return (
    <>
      <button
        type="button"
        className="button button--quiet"
        data-testid="export-button"
        title="Save the handoff card, outcome and transcript as an HTML file"
        aria-haspopup="dialog"
        onClick={() => setChoosing(true)}
      >
        Export
      </button>
      {isChoosing ? <ExportDialog conversationId={conversationId} onClose={() => setChoosing(false)} /> : null}
      {error ? (
        <span className="form-error" role="alert" data-testid="export-error">
          {error}
        </span>
      ) : null}
    </>
  );
}

function ExportDialog({ conversationId, onClose }: { conversationId: string; onClose(): void }) {
  const { history } = useStores();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [staffNotes, setStaffNotes] = useState<StaffNotesChoice>('mark');
  const [isExporting, setExporting] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => returnTo?.focus();
  }, []);

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setExporting(true);
    const exported = await history.getState().exportConversation(conversationId, staffNotes);
    setExporting(false);
    if (exported) downloadExport(exported);
    onClose();
  };

  return (
    <dialog ref={dialogRef} className="export-dialog" aria-labelledby="export-dialog-title" onClose={onClose} data-testid="export-dialog">
      <form onSubmit={(event) => void onSubmit(event)}>
        <h2 id="export-dialog-title">Export conversation</h2>
        <p className="export-dialog__lead">The file holds the handoff card, the outcome, the resolve note, the customer&apos;s rating and the transcript.</p>
        <fieldset className="export-dialog__choice">
          <legend>Staff-only notes (whispers and flags)</legend>
          <label>
            <input type="radio" name="staff-notes" value="mark" checked={staffNotes === 'mark'} onChange={() => setStaffNotes('mark')} data-testid="export-staff-mark" />
            Include them, marked &ldquo;Staff only&rdquo; (a copy for staff)
          </label>
          <label>
            <input type="radio" name="staff-notes" value="omit" checked={staffNotes === 'omit'} onChange={() => setStaffNotes('omit')} data-testid="export-staff-omit" />
            Leave them out (a copy the customer may see)
          </label>
        </fieldset>
        <div className="export-dialog__buttons">
          <button type="submit" className="button button--primary" disabled={isExporting} data-testid="export-download" autoFocus>
            {isExporting ? 'Exporting…' : 'Download'}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose} data-testid="export-cancel">
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
