import { createStore, type StoreApi } from 'zustand/vanilla';
import { ATTACHMENT_LIMITS, type Attachment } from '../../../shared/envelope';
import { formatFileSize } from '../../../shared/file-size';
import type { AttachmentFile, WarmlineApi } from '../../../shared/ipc';
import type { Result } from '../../../shared/result';

export interface FilesStoreState {
  /** Files uploaded for the agent's next message, per conversation, in the order attached. */
  outgoing: Record<string, Attachment[]>;
  /** Names of files still uploading, per conversation. */
  uploading: Record<string, string[]>;
  /** Why the last attach failed, per conversation, in words the agent can act on. */
  error: Record<string, string | null>;
  attach(conversationId: string, file: File): Promise<void>;
  remove(conversationId: string, attachmentId: string): void;
  /** The message went out with them. */
  sent(conversationId: string): void;
  /** A turn's file, from the core (its cache, else the hub); one request per file per session. */
  read(conversationId: string, ref: { id: string; name: string }): Promise<Result<AttachmentFile>>;
}

export type FilesStore = StoreApi<FilesStoreState>;

/** Bytes as base64, in slices: one String.fromCharCode call over megabytes overflows the stack. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return btoa(binary);
}

const without = <T>(list: T[] | undefined, drop: (item: T) => boolean): T[] => (list ?? []).filter((item) => !drop(item));

/** Files in and out of a conversation: what the agent attaches, and the bytes of what turns carry. */
export function createFilesStore(api: WarmlineApi): FilesStore {
  // Loaded files are kept for the session: a virtualised row mounts again on every scroll.
  const loaded = new Map<string, Promise<Result<AttachmentFile>>>();

  return createStore<FilesStoreState>()((set) => ({
    outgoing: {},
    uploading: {},
    error: {},

    async attach(conversationId, file) {
      if (file.size > ATTACHMENT_LIMITS.maxBytes) {
        const message = `${file.name} is too large to send: files can be up to ${formatFileSize(ATTACHMENT_LIMITS.maxBytes)}.`;
        set((state) => ({ error: { ...state.error, [conversationId]: message } }));
        return;
      }
      set((state) => ({
        uploading: { ...state.uploading, [conversationId]: [...(state.uploading[conversationId] ?? []), file.name] },
        error: { ...state.error, [conversationId]: null },
      }));
      const data = toBase64(new Uint8Array(await file.arrayBuffer()));
      const result = await api.invoke('attachments:upload', { conversationId, name: file.name, data });
      set((state) => {
        // One entry per upload: two files of the same name each drop only their own.
        const names = state.uploading[conversationId] ?? [];
        const done = names.indexOf(file.name);
        const uploading = names.filter((_, index) => index !== done);
        return {
          uploading: { ...state.uploading, [conversationId]: uploading },
          ...(result.ok
            ? { outgoing: { ...state.outgoing, [conversationId]: [...(state.outgoing[conversationId] ?? []), result.value] } }
            : { error: { ...state.error, [conversationId]: result.error.message } }),
        };
      });
    },

    remove(conversationId, attachmentId) {
      set((state) => ({ outgoing: { ...state.outgoing, [conversationId]: without(state.outgoing[conversationId], (file) => file.id === attachmentId) } }));
    },

    sent(conversationId) {
      set((state) => ({ outgoing: { ...state.outgoing, [conversationId]: [] }, error: { ...state.error, [conversationId]: null } }));
    },

    read(conversationId, ref) {
      const known = loaded.get(ref.id);
      if (known) return known;
      const request = api.invoke('attachments:read', { conversationId, id: ref.id, name: ref.name });
      // eslint-disable-next-line functional/immutable-data -- a request cache outside the store's state: nothing renders from it.
      loaded.set(ref.id, request);
      // A failure (offline, not cached yet) is not remembered: the next mount asks again.
      // eslint-disable-next-line functional/immutable-data -- the same request cache.
      void request.then((result) => !result.ok && loaded.delete(ref.id));
      return request;
    },
  }));
}

/** What the next message carries, for the send path; the same empty list while there is none. */
const NONE: Attachment[] = [];
const NO_NAMES: string[] = [];
export const selectOutgoing = (conversationId: string) => (state: FilesStoreState): Attachment[] => state.outgoing[conversationId] ?? NONE;
export const selectUploading = (conversationId: string) => (state: FilesStoreState): string[] => state.uploading[conversationId] ?? NO_NAMES;
export const selectFileError = (conversationId: string) => (state: FilesStoreState): string | null => state.error[conversationId] ?? null;
