/** A failure the UI can act on, sent over the contract as `{ code, message }`. */
export class CoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
