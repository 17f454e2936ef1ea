import { ATTACHMENT_LIMITS, type Attachment } from '../../shared/envelope';
import { formatFileSize } from '../../shared/file-size';
import type { AttachmentFile } from '../../shared/ipc';
import type { AttachmentFileRepository } from '../cache/attachment-files';
import { CoreError } from '../core/core-error';
import { attachmentClient } from '../hub-client/attachment-client';
import { HubRequestError } from '../hub-client/http-client';

export interface AttachmentServiceDeps {
  files: AttachmentFileRepository;
  now(): Date;
  /** The signed-in hub and session; throws when signed out. */
  hub(): { baseUrl: string; token: string };
  client?: typeof attachmentClient;
}

const toFile = (file: { id: string; name: string; contentType: string; size: number; data: Buffer }): AttachmentFile => ({
  id: file.id,
  name: file.name,
  contentType: file.contentType,
  size: file.size,
  data: file.data.toString('base64'),
});

/**
 * Files for the renderer: from the cache when seen before (so they show offline), else from the hub,
 * kept for next time. The type the renderer gets is read from the bytes here, whatever the hub said.
 */
export function createAttachmentService(deps: AttachmentServiceDeps) {
  const client = deps.client ?? attachmentClient;

  return {
    async read(conversationId: string, ref: { id: string; name: string }): Promise<AttachmentFile> {
      const cached = deps.files.get(ref.id);
      if (cached) return toFile(cached);
      const { baseUrl, token } = deps.hub();
      let data: Buffer;
      try {
        data = await client.download(baseUrl, token, ref.id);
      } catch (error) {
        if (error instanceof HubRequestError && error.isUnreachable) {
          throw new CoreError('offline', `${ref.name} was not opened while online, so it is not on this computer yet.`);
        }
        throw error;
      }
      deps.files.put({ id: ref.id, conversationId, name: ref.name, data }, deps.now());
      return toFile(deps.files.get(ref.id) ?? { id: ref.id, name: ref.name, contentType: 'application/octet-stream', size: data.length, data });
    },

    /** Sends a file to the hub for the agent's next message; it is kept here too, for offline review. */
    async upload(conversationId: string, name: string, base64: string): Promise<Attachment> {
      const data = Buffer.from(base64, 'base64');
      if (data.length === 0) throw new CoreError('invalid_request', `${name} is empty.`);
      if (data.length > ATTACHMENT_LIMITS.maxBytes) {
        throw new CoreError('too_large', `${name} is too large to send: files can be up to ${formatFileSize(ATTACHMENT_LIMITS.maxBytes)}.`);
      }
      const { baseUrl, token } = deps.hub();
      let ref: Attachment;
      try {
        ref = await client.upload(baseUrl, token, conversationId, name, data);
      } catch (error) {
        if (error instanceof HubRequestError && error.isUnreachable) {
          throw new CoreError('offline', 'Files can be sent only while connected to the hub.');
        }
        throw error;
      }
      if (ref.id) deps.files.put({ id: ref.id, conversationId, name: ref.name ?? name, data }, deps.now());
      return ref;
    },
  };
}

export type AttachmentService = ReturnType<typeof createAttachmentService>;
