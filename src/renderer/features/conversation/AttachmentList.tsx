import { memo, useContext, useEffect, useState } from 'react';
import { isInlineImageType, type Attachment } from '../../../shared/envelope';
import { formatFileSize } from '../../../shared/file-size';
import type { AttachmentFile } from '../../../shared/ipc';
import { ATTACHMENT_PROBLEM_LABELS } from '../../../shared/labels';
import { useStores } from '../../app/stores-context';
import { downloadBlob, fromBase64 } from '../../components/download-file';
import { TranscriptConversationContext } from './attachment-context';
import './attachments.css';

type Loaded = { status: 'loading' } | { status: 'ready'; file: AttachmentFile } | { status: 'failed'; message: string };

function useAttachmentFile(ref: { id: string; name: string }, isWanted: boolean): [Loaded, () => Promise<AttachmentFile | null>] {
  const { files } = useStores();
  const conversationId = useContext(TranscriptConversationContext);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const load = async (): Promise<AttachmentFile | null> => {
    if (!conversationId) return null;
    const result = await files.getState().read(conversationId, ref);
    setLoaded(result.ok ? { status: 'ready', file: result.value } : { status: 'failed', message: result.error.message });
    return result.ok ? result.value : null;
  };
  useEffect(() => {
    // The file behind an id never changes, so the id is all the effect depends on.
    if (isWanted) void load();
  }, [ref.id, isWanted]);
  return [loaded, load];
}

/**
 * A raster image the core read from the bytes as PNG, JPEG, GIF or WebP is shown inline, as a
 * data: URI of that type; nothing else is ever put in an <img>, an <iframe> or a link the app
 * follows. Every file can be saved, always as application/octet-stream.
 */
function AttachmentItem({ attachment }: { attachment: Attachment & { id: string } }) {
  const name = attachment.name ?? 'attachment';
  const isImage = isInlineImageType(attachment.contentType);
  const [loaded, load] = useAttachmentFile({ id: attachment.id, name }, isImage);
  const [saveError, setSaveError] = useState<string | null>(null);
  const size = attachment.size === undefined ? null : formatFileSize(attachment.size);

  const save = async () => {
    const file = loaded.status === 'ready' ? loaded.file : await load();
    if (!file) return setSaveError(`${name} is not on this computer and the hub cannot be reached.`);
    setSaveError(null);
    downloadBlob(new Blob([fromBase64(file.data)], { type: 'application/octet-stream' }), name);
  };

  const shown = loaded.status === 'ready' && isImage && isInlineImageType(loaded.file.contentType) ? loaded.file : null;
  return (
    <li className={`attachment${shown ? ' attachment--image' : ''}`} data-testid="attachment" data-kind={shown ? 'image' : 'file'}>
      {shown ? (
        <img className="attachment__image" src={`data:${shown.contentType};base64,${shown.data}`} alt={name} data-testid="attachment-image" />
      ) : isImage && loaded.status === 'loading' ? (
        <span className="attachment__placeholder" aria-hidden="true" />
      ) : null}
      <span className="attachment__line">
        <bdi className="attachment__name">{name}</bdi>
        {size ? <span className="attachment__size">{size}</span> : null}
        <button type="button" className="button button--secondary attachment__save" onClick={() => void save()} data-testid="attachment-download">
          Download<span className="visually-hidden"> {name}</span>
        </button>
      </span>
      {isImage && loaded.status === 'failed' ? <span className="attachment__note" role="status">{loaded.message}</span> : null}
      {saveError ? <span className="attachment__note" role="alert">{saveError}</span> : null}
    </li>
  );
}

function ProblemItem({ attachment }: { attachment: Attachment }) {
  return (
    <li className="attachment attachment--problem" data-testid="attachment" data-kind="problem">
      <span className="attachment__line">
        <bdi className="attachment__name">{attachment.name ?? 'attachment'}</bdi>
        {attachment.size === undefined ? null : <span className="attachment__size">{formatFileSize(attachment.size)}</span>}
      </span>
      <span className="attachment__note">Not available: {ATTACHMENT_PROBLEM_LABELS[attachment.problem ?? 'unreachable']}</span>
    </li>
  );
}

/** The files of one turn, under its text. */
export const AttachmentList = memo(function AttachmentList({ attachments }: { attachments: readonly Attachment[] }) {
  return (
    <ul className="attachments" aria-label="Files" data-testid="attachments">
      {attachments.map((attachment, index) =>
        attachment.id && !attachment.problem ? (
          <AttachmentItem key={attachment.id} attachment={{ ...attachment, id: attachment.id }} />
        ) : (
          <ProblemItem key={`problem-${index}`} attachment={attachment} />
        ),
      )}
    </ul>
  );
});
