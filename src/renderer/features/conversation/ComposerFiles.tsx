import { useRef, type ChangeEvent } from 'react';
import { formatFileSize } from '../../../shared/file-size';
import { useFiles, useStores } from '../../app/stores-context';
import { selectFileError, selectOutgoing, selectUploading } from './files-store';

/**
 * The composer's files: an "Attach file" button (a hidden file input behind a real button, so it
 * is reachable by keyboard), the files waiting to go with the next message, and why one could not.
 */
export function ComposerFiles({ conversationId }: { conversationId: string }) {
  const { files } = useStores();
  const outgoing = useFiles(selectOutgoing(conversationId));
  const uploading = useFiles(selectUploading(conversationId));
  const error = useFiles(selectFileError(conversationId));
  const inputRef = useRef<HTMLInputElement>(null);

  const onChosen = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = [...(event.target.files ?? [])];
    event.target.value = '';
    for (const file of chosen) void files.getState().attach(conversationId, file);
  };

  return (
    <div className="composer-files">
      <input ref={inputRef} type="file" multiple hidden onChange={onChosen} data-testid="composer-file-input" />
      <button type="button" className="button button--quiet" onClick={() => inputRef.current?.click()} data-testid="composer-attach">
        Attach file
      </button>
      {outgoing.length > 0 || uploading.length > 0 ? (
        <ul className="composer-files__list" aria-label="Files to send" data-testid="composer-files">
          {outgoing.map((file) => (
            <li key={file.id} className="composer-files__item" data-testid="composer-file">
              <bdi>{file.name}</bdi>
              {file.size === undefined ? null : <span className="composer-files__size">{formatFileSize(file.size)}</span>}
              <button
                type="button"
                className="button button--quiet"
                aria-label={`Remove ${file.name ?? 'file'}`}
                onClick={() => file.id && files.getState().remove(conversationId, file.id)}
              >
                Remove
              </button>
            </li>
          ))}
          {uploading.map((name, index) => (
            <li key={`uploading-${index}`} className="composer-files__item composer-files__item--uploading" role="status">
              <bdi>{name}</bdi> <span className="composer-files__size">uploading…</span>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p className="composer-files__error" role="alert" data-testid="composer-file-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
