/** Every contract handler answers with this, never a thrown error across the boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: string, message: string): Result<T> => ({ ok: false, error: { code, message } });
