/**
 * The one place where errors become responses: EmulatorErrors keep their code and HTTP status;
 * anything else is an emulator bug and answers HTTP 500 `Emulator.InternalError`.
 */
import { InternalError, isEmulatorError, type EmulatorError } from "../errors";
import type { Middleware } from "../http/middleware";
import type { RequestContext } from "../http/request-context";
import type { EmulatorResponse } from "../http/types";
import { envelopeResponse, failureEnvelope } from "../wire";

export function errorSerializer(options: { readonly onUnexpectedError: (error: unknown) => void }): Middleware {
  return async function errorSerializerMiddleware(ctx, next) {
    try {
      return await next();
    } catch (caught) {
      let error: EmulatorError;
      if (isEmulatorError(caught)) {
        error = caught;
      } else {
        options.onUnexpectedError(caught);
        error = new InternalError(caught instanceof Error ? caught.message : String(caught));
      }
      return errorResponse(ctx, error);
    }
  };
}

export function errorResponse(ctx: RequestContext, error: EmulatorError): EmulatorResponse {
  const envelope = failureEnvelope({ code: error.code, message: error.message, description: error.description, returnObj: error.returnObj });
  ctx.outcome = { statusCode: envelope.statusCode, errorCode: envelope.errorCode };
  return envelopeResponse(error.httpStatus, envelope, error.headers);
}
