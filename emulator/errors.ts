/**
 * Emulator errors carry CTyun codes. Handlers throw them; exactly one middleware
 * (middleware/error-serializer.ts) turns them into envelopes. Codes not seen in any CTyun source are
 * marked "invented" here and in COVERAGE.md (spec C.4).
 */

export interface EmulatorErrorOptions {
  /** Chinese (or English) text for the envelope's `description`; defaults to the message. */
  readonly description?: string;
  /** HTTP status; business errors use 200 because CTyun clients ignore bodies of non-2xx (spec C.2). */
  readonly httpStatus?: number;
  /** Payload on a 900, e.g. `{masterOrderID}` for "order in progress" (spec C.1). */
  readonly returnObj?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Keep the request's writes although the request fails. The default rolls the transaction back;
   * set this for 900 answers that still changed state (e.g. "order in progress" after placing one).
   */
  readonly commitState?: boolean;
}

export class EmulatorError extends Error {
  override readonly name: string = "EmulatorError";
  readonly code: string;
  readonly description: string;
  readonly httpStatus: number;
  readonly returnObj: unknown;
  readonly headers: Readonly<Record<string, string>>;
  readonly commitState: boolean;

  constructor(code: string, message: string, options: EmulatorErrorOptions = {}) {
    super(message);
    this.code = code;
    this.description = options.description ?? message;
    this.httpStatus = options.httpStatus ?? 200;
    this.returnObj = options.returnObj ?? null;
    this.headers = options.headers ?? {};
    this.commitState = options.commitState ?? false;
  }
}

export function isEmulatorError(value: unknown): value is EmulatorError {
  return value instanceof EmulatorError;
}

/** A resource that does not exist (in this region). The service passes its exact CTyun code. */
export class NotFoundError extends EmulatorError {
  override readonly name = "NotFoundError";
  constructor(code: string, message: string, options: EmulatorErrorOptions = {}) {
    super(code, message, { description: "资源不存在", ...options });
  }
}

/** Invented code `Openapi.Parameter.Invalid` unless a product-specific code is more apt. */
export class InvalidParameterError extends EmulatorError {
  override readonly name = "InvalidParameterError";
  constructor(message: string, options: EmulatorErrorOptions & { readonly code?: string } = {}) {
    super(options.code ?? "Openapi.Parameter.Invalid", message, { description: "参数错误: " + message, ...options });
  }
}

/** The resource still has dependants or is bound (invented `Openapi.Resource.InUse`). */
export class InUseError extends EmulatorError {
  override readonly name = "InUseError";
  constructor(message: string, options: EmulatorErrorOptions & { readonly code?: string } = {}) {
    super(options.code ?? "Openapi.Resource.InUse", message, { description: "资源正在使用中或存在依赖资源", ...options });
  }
}

/** Invented `Openapi.Quota.Exceeded`. */
export class QuotaExceededError extends EmulatorError {
  override readonly name = "QuotaExceededError";
  constructor(message: string, options: EmulatorErrorOptions & { readonly code?: string } = {}) {
    super(options.code ?? "Openapi.Quota.Exceeded", message, { description: "超出配额", ...options });
  }
}

/** Invented `Openapi.Name.Duplicated`. */
export class DuplicateNameError extends EmulatorError {
  override readonly name = "DuplicateNameError";
  constructor(message: string, options: EmulatorErrorOptions & { readonly code?: string } = {}) {
    super(options.code ?? "Openapi.Name.Duplicated", message, { description: "名称重复", ...options });
  }
}

/** Same clientToken, different parameters, within 24 h (invented `Openapi.ClientToken.Conflict`). */
export class ClientTokenConflictError extends EmulatorError {
  override readonly name = "ClientTokenConflictError";
  constructor(token: string, operation: string) {
    super(
      "Openapi.ClientToken.Conflict",
      `clientToken ${token} was already used for ${operation} with different parameters`,
      { description: "clientToken 已被使用且请求参数不一致" },
    );
  }
}

/** `Unknown.Region.RegionIDError`, the code seen in CTyun SDK test mocks (spec C.1). */
export class RegionNotFoundError extends EmulatorError {
  override readonly name = "RegionNotFoundError";
  constructor(regionId: string) {
    super("Unknown.Region.RegionIDError", `Not found region by ID ${regionId}, check the ID and contact the admin`, {
      description: "没找到该资源池，请检查资源池ID",
    });
  }
}

/** No emulated operation for this method and path (invented `Emulator.Operation.NotImplemented`, HTTP 501). */
export class NotImplementedError extends EmulatorError {
  override readonly name = "NotImplementedError";
  constructor(method: string, path: string, hint = "") {
    super("Emulator.Operation.NotImplemented", `${method} ${path} is not implemented by the CTyun emulator${hint}`, {
      description: "模拟器未实现该接口",
      httpStatus: 501,
    });
  }
}

/**
 * A known path called with a method it does not take: the request is the client's mistake, so a 4xx
 * (HTTP 405 with `Allow`, as RFC 9110 says), not the 501 of a path the emulator lacks. The code is
 * invented (inferred: CTyun's answer to a wrong method is not in its official clients).
 */
export class MethodNotAllowedError extends EmulatorError {
  override readonly name = "MethodNotAllowedError";
  constructor(method: string, path: string, allowed: readonly string[]) {
    super("Emulator.Operation.MethodNotAllowed", `${method} ${path} is not allowed: this path takes ${allowed.join(", ")}`, {
      description: "请求方法不正确",
      httpStatus: 405,
      headers: { allow: allowed.join(", ") },
    });
  }
}

/** Gateway-level authentication failures (all invented: the real format is unknown, spec A.10.8). */
export class AuthError extends EmulatorError {
  override readonly name = "AuthError";
  constructor(code: `Openapi.Auth.${string}`, message: string, httpStatus: 401 | 403) {
    super(code, message, { description: "鉴权失败: " + message, httpStatus });
  }
}

/** HTTP 429 with Retry-After (invented `Openapi.Throttling`). */
export class ThrottledError extends EmulatorError {
  override readonly name = "ThrottledError";
  constructor(retryAfterSeconds: number) {
    super("Openapi.Throttling", "Request was throttled, retry later", {
      description: "请求过于频繁，请稍后重试",
      httpStatus: 429,
      headers: { "retry-after": String(retryAfterSeconds) },
    });
  }
}

/** A bug in the emulator itself: HTTP 500 with `Emulator.InternalError`. */
export class InternalError extends EmulatorError {
  override readonly name = "InternalError";
  constructor(message: string) {
    super("Emulator.InternalError", message, { description: "模拟器内部错误", httpStatus: 500 });
  }
}
