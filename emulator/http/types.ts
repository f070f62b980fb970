/**
 * The transport-neutral request/response shapes of the emulator. `app.handle()` takes and returns
 * these, so tests can call the whole pipeline without a socket and the node:http adapter stays a
 * thin shell.
 */

export type HeaderValue = string | readonly string[] | undefined;

export interface EmulatorRequest {
  readonly method: string;
  /** Path plus optional raw query (`/v4/x?a=b`); an absolute URL is accepted too. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, HeaderValue>>;
  /** Raw body bytes as received; the signature covers exactly these bytes. */
  readonly body?: Buffer | string;
  /**
   * Set by a transport that stopped keeping the body past the size limit: how many bytes were
   * declared or seen (the body itself is then empty). The pipeline answers it with an envelope.
   */
  readonly oversizedBody?: number;
}

export interface EmulatorResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** When true the adapter destroys the socket instead of answering (fault injection). */
  readonly drop?: boolean;
}
