import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { formatFileSize } from '../../shared/file-size';
import { canRead } from '../auth/access';
import { requireUser, type HubContext } from '../context';
import { sendError } from '../routes/errors';
import { publicUser } from '../store/accounts';
import { refOf } from './attachment-store';
import { safeFileName, sendFile } from './file-response';
import { LINK_PATH } from './signed-links';
import { sniffContentType } from '../../shared/sniff';

/**
 *   GET  /v1/attachments/:id                 session that may read the conversation; the file
 *   GET  /v1/attachment-links/:id?expires=&signature=   no session: the signed link sent to platforms
 *   POST /v1/conversations/:id/attachments   owner agent (or a supervisor who joined); multipart `file`
 */
export function registerAttachmentRoutes(app: FastifyInstance, context: HubContext): void {
  const { attachments } = context;
  const { store, links } = attachments;
  const notFound = 'No such file, or it is not yours to see.';

  app.get<{ Params: { id: string } }>('/v1/attachments/:id', async (request, reply) => {
    const user = await requireUser(context, request, reply);
    if (!user) return reply;
    const file = await store.meta(request.params.id);
    const record = file?.conversationId ? await context.conversations.get(file.conversationId) : null;
    // Not found and not allowed answer alike, as for conversations, so ids cannot be probed.
    if (!file || !record || !canRead(publicUser(user), record)) return sendError(reply, 'not_found', notFound);
    const data = await store.data(file.id);
    if (!data) return sendError(reply, 'not_found', notFound);
    return sendFile(reply, file, data, 'staff');
  });

  app.get<{ Params: { id: string }; Querystring: { expires?: string; signature?: string } }>(`${LINK_PATH}/:id`, async (request, reply) => {
    const { id } = request.params;
    const { expires, signature } = request.query;
    if (!links.verify(id, expires, signature, context.now())) {
      return sendError(reply, 'forbidden', 'This file link is not valid or has expired; the hub sends a fresh one with each delivery.');
    }
    const file = await store.meta(id);
    const data = file?.conversationId ? await store.data(id) : null;
    // A file purged between the two reads is gone, not an error.
    if (!file?.conversationId || !data) return sendError(reply, 'not_found', 'No such file.');
    return sendFile(reply, file, data, 'platform');
  });

  // Multipart is parsed in this scope only; every other route keeps refusing what is not JSON.
  void app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: attachments.maxBytes, files: 1, fields: 0, parts: 1, headerPairs: 50 },
    });
    scope.post<{ Params: { id: string } }>('/v1/conversations/:id/attachments', async (request, reply) => {
      const user = await requireUser(context, request, reply);
      if (!user) return reply;
      const record = await context.conversations.get(request.params.id);
      if (!record || !canRead(publicUser(user), record)) return sendError(reply, 'not_found', 'No such conversation, or it is not yours to see.');
      const isOwner = record.state === 'assigned' && record.assignedAgentId === user.id;
      if (!isOwner && !record.participants.some((participant) => participant.id === user.id)) {
        return sendError(reply, 'not_yours', 'You can only send files in a conversation you own or joined.');
      }
      if (!request.isMultipart()) return sendError(reply, 'unsupported_media_type', 'Send the file as multipart/form-data, in a part named "file".');
      const part = await request.file();
      if (!part) return sendError(reply, 'invalid_request', 'Send the file as multipart/form-data, in a part named "file".');
      let data: Buffer;
      try {
        data = await part.toBuffer();
      } catch (error) {
        if (error instanceof scope.multipartErrors.RequestFileTooLargeError) {
          return sendError(reply, 'payload_too_large', `Files up to ${formatFileSize(attachments.maxBytes)} can be sent; this one is larger.`);
        }
        throw error;
      }
      if (data.length === 0) return sendError(reply, 'invalid_request', 'The file is empty.');
      const file = await store.insert({
        conversationId: record.id,
        uploadedBy: user.id,
        name: safeFileName(part.filename),
        contentType: sniffContentType(data),
        data,
        createdAt: context.now().toISOString(),
      });
      return reply.code(201).send(refOf(file));
    });
  });
}
