import { useState } from 'react';
import { useHistory, useStores } from '../../app/stores-context';
import { downloadExport } from './download';

/** "Export" in the conversation header: the card and transcript as an HTML file, for review or a complaint. */
export function ExportButton({ conversationId }: { conversationId: string }) {
  const { history } = useStores();
  const [isExporting, setExporting] = useState(false);
  const error = useHistory((state) => (state.exportError?.conversationId === conversationId ? state.exportError.message : null));

  const onClick = async (): Promise<void> => {
    setExporting(true);
    const exported = await history.getState().exportConversation(conversationId);
    setExporting(false);
    if (exported) downloadExport(exported);
  };

  return (
    <>
      <button
        type="button"
        className="button button--quiet"
        data-testid="export-button"
        disabled={isExporting}
        title="Save the handoff card and transcript as an HTML file"
        onClick={() => void onClick()}
      >
        {isExporting ? 'Exporting…' : 'Export'}
      </button>
      {error ? (
        <span className="form-error" role="alert" data-testid="export-error">
          {error}
        </span>
      ) : null}
    </>
  );
}
