/**
 * The control plane under `/_emulator/` (test use only, no authentication): reset, state dumps, the
 * request log, timing, fault rules and out-of-band resource edits for drift tests, and the console
 * page that shows them (`GET /_emulator/console`). Plain JSON, not
 * CTyun envelopes, except for errors, which share the one serializer.
 */
import { z } from "zod";
import { EmulatorError } from "../errors";
import { PROFILE_NAMES, timingSpecSchema, UnknownTimingKindError, type TimingTable } from "../engine/timing";
import type { RequestContext } from "../http/request-context";
import type { EmulatorResponse } from "../http/types";
import type { Store } from "../store/store";
import { UNKNOWN_CODE_SITUATIONS } from "../unknown-codes";
import { jsonResponse } from "../wire";
import { CONSOLE_HTML } from "../console/page";
import { faultRuleInputSchema, type FaultRegistry } from "./faults";
import type { RequestLog } from "./request-log";
import type { WorkLog } from "../engine/work-log";

export interface ControlTarget {
  reset(): void;
  state(): unknown;
  routes(): unknown;
  /** Which record kinds hold which (engine/dependants.ts), and the services' backends. */
  services(): unknown;
  readonly requestLog: RequestLog;
  /** Asynchronous work: started, due, settled, first observed (benchmarks). */
  readonly workLog?: WorkLog | undefined;
  readonly faults: FaultRegistry;
  readonly timing: TimingTable;
  readonly store: Store;
}

const transitionsBodySchema = z.strictObject({
  profile: z.enum(PROFILE_NAMES).optional(),
  kinds: z.record(z.string(), timingSpecSchema).optional(),
});

export class ControlError extends EmulatorError {
  override readonly name = "ControlError";
  constructor(status: 400 | 404, message: string) {
    super(status === 404 ? "Emulator.Control.NotFound" : "Emulator.Control.InvalidRequest", message, { httpStatus: status });
  }
}

export function createControlPlane(target: ControlTarget): (ctx: RequestContext) => EmulatorResponse {
  return function handleControl(ctx) {
    const segments = ctx.path.slice("/_emulator/".length).split("/").map(decodeURIComponent);
    const [area, first, second] = segments;
    const ok = (value: unknown = { ok: true }): EmulatorResponse => jsonResponse(200, value);
    const route = `${ctx.method} ${area ?? ""}${first === undefined ? "" : "/:1"}${second === undefined ? "" : "/:2"}`;

    switch (route) {
      case "GET health":
        return ok({ ok: true });
      case "GET console":
        return { status: 200, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }, body: CONSOLE_HTML };
      case "POST reset":
        target.reset();
        return ok();
      case "GET state":
        return ok(target.state());
      case "GET unknown-codes":
        return ok({ situations: UNKNOWN_CODE_SITUATIONS });
      case "GET routes":
        return ok({ routes: target.routes() });
      case "GET services":
        return ok(target.services());
      case "GET requests":
        return ok({ requests: target.requestLog.list() });
      case "DELETE requests":
        target.requestLog.clear();
        return ok();
      case "GET work":
        return ok({ work: target.workLog?.list() ?? [] });
      case "GET requests/:1":
        if (first === "counts") return ok({ counts: target.requestLog.counts() });
        break;
      case "GET transitions":
        return ok(target.timing.snapshot());
      case "PUT transitions": {
        const body = parseBody(ctx, transitionsBodySchema);
        if (body.profile !== undefined) target.timing.setProfile(body.profile);
        for (const [kind, spec] of Object.entries(body.kinds ?? {})) setTiming(target.timing, kind, spec);
        return ok(target.timing.snapshot());
      }
      case "PUT transitions/:1":
        setTiming(target.timing, first!, parseBody(ctx, timingSpecSchema));
        return ok(target.timing.snapshot());
      case "GET faults":
        return ok({ faults: target.faults.list() });
      case "POST faults": {
        const rule = target.faults.add(parseBody(ctx, faultRuleInputSchema));
        return ok({ id: rule.id, rule });
      }
      case "DELETE faults":
        target.faults.clear();
        return ok();
      case "DELETE faults/:1":
        if (!target.faults.remove(first!)) throw new ControlError(404, `no fault rule ${first}`);
        return ok();
      case "GET resources/:1/:2":
        return ok(requireResource(target.store.getResource(first!, second!), first!, second!));
      case "PATCH resources/:1/:2": {
        const patch = parseBody(ctx, z.record(z.string(), z.unknown()));
        return ok(requireResource(target.store.patchResource(first!, second!, patch), first!, second!));
      }
      case "DELETE resources/:1/:2":
        if (!target.store.deleteResource(first!, second!)) throw new ControlError(404, `no ${first} ${second}`);
        return ok();
    }
    throw new ControlError(404, `unknown control-plane call ${ctx.method} ${ctx.path}`);
  };
}

function parseBody<S extends z.ZodType>(ctx: RequestContext, schema: S): z.output<S> {
  let value: unknown;
  try {
    value = ctx.body.length === 0 ? {} : JSON.parse(ctx.body.toString("utf8"));
  } catch {
    throw new ControlError(400, "the body is not valid JSON");
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ControlError(400, result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; "));
  }
  return result.data;
}

function setTiming(timing: TimingTable, kind: string, spec: z.output<typeof timingSpecSchema>): void {
  try {
    timing.set(kind, spec);
  } catch (error) {
    if (error instanceof UnknownTimingKindError) throw new ControlError(400, error.message);
    throw error;
  }
}

function requireResource<T>(value: T | undefined, kind: string, id: string): T {
  if (value === undefined) throw new ControlError(404, `no ${kind} ${id}`);
  return value;
}
