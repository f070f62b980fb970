/**
 * Create, made safe to repeat: whatever happened to an earlier attempt of this resource's create
 * (the CLI killed, the machine gone, an answer lost, inputs changed since), what the cloud may have
 * made is found before anything new is ordered.
 *
 *   journal entry with an id  → read it: take it over (update to the new inputs), or it is gone: create afresh
 *   entry without an id       → replay the create with its clientToken and original inputs (the cloud
 *                               answers with the original), then take over what it names
 *   no entry                  → journal a new token and the inputs, then create
 *
 * Once the cloud names the resource, any failure is a partial create: Pulumi records the resource
 * (with the id and what is known) instead of leaking it, and the next `pulumi up` resumes it.
 */
import { isDeepStrictEqual } from "node:util";
import { asCtyunError, hasKind, isServiceError } from "../client/errors";
import { mayHaveTakenEffect } from "../client/classify";
import { tokenFingerprint } from "../client/client-token";
import { isReadOnly } from "../client/operation";
import type { HandlerContext } from "./context";
import { isLive, readEntry, removeEntry, writeEntry, type JournalEntry, type JournalKey } from "./journal";
import { changedInputs, createOnlyMismatches } from "./compare";
import type { AnyResourceSpec, Props } from "./spec";

/** Thrown once the cloud has an id: the engine records the resource instead of leaking it. */
export class PartialCreateError extends Error {
  override readonly name = "PartialCreateError";
  constructor(
    message: string,
    readonly id: string,
    readonly properties: Props,
    readonly reasons: string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type CreateResult = { id: string; outs: Props };

/** What the create protocol needs from the lifecycle. */
export interface CreateHost {
  readonly spec: AnyResourceSpec;
  /** A context for one create attempt; `onCreated` fires when the cloud names the resource. */
  context(inputs: Props, clientToken: string | undefined, onCreated?: (id: string, outputs: Props) => void, replaying?: boolean): HandlerContext;
  /** A fresh clientToken (the runtime's one minting place). */
  mintToken(): string;
  now(): number;
  /** The inputs the spec defines (what the cloud resource is made of). */
  ownInputs(inputs: Props): Props;
  /** The keys only the engine or the lifecycle uses (`__provider`, the logical name, timeouts…). */
  lifecycleInputs(inputs: Props): Props;
  /** Reads the resource; undefined when the cloud says it does not exist. */
  readOrAbsent(ctx: HandlerContext, id: string, state: Props): Promise<{ inputs: Props; outputs: Props } | undefined>;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** No answer came back: the call may or may not have taken effect. */
export function isAmbiguous(error: unknown): boolean {
  const kind = asCtyunError(error)?.kind;
  // A request failure is ambiguous unless every attempt was refused unprocessed (throttled, never sent).
  if (kind === "network" || kind === "timeout" || kind === "http") return mayHaveTakenEffect(error);
  return kind === "waiter-timeout" || kind === "aborted";
}

/**
 * Watches one attempt's writes: true while nothing can have been made (no write succeeded, none
 * went unanswered), so a failure proves the attempt left nothing behind.
 */
function writeTracker(ctx: HandlerContext): { ctx: HandlerContext; madeNothing(): boolean } {
  let effects = 0;
  const client = (): HandlerContext["client"] => {
    const inner = ctx.client;
    return {
      ...inner,
      deps: inner.deps,
      endpoint: inner.endpoint,
      close: () => inner.close(),
      send: (async (operation, input, options) => {
        if (isReadOnly(operation)) return inner.send(operation, input, options);
        try {
          const result = await inner.send(operation, input, options);
          effects++;
          return result;
        } catch (error) {
          if (mayHaveTakenEffect(error)) effects++;
          throw error;
        }
      }) as HandlerContext["client"]["send"],
    };
  };
  const tracked = Object.create(ctx, { client: { get: client } }) as HandlerContext;
  return { ctx: tracked, madeNothing: () => effects === 0 };
}

export class CreateProtocol {
  constructor(
    private readonly host: CreateHost,
    private readonly warn: (message: string) => void,
  ) {}

  private get spec(): AnyResourceSpec {
    return this.host.spec;
  }

  private secretInputs(inputs: Props): Props {
    return Object.fromEntries((this.spec.secretInputs ?? []).filter((key) => inputs[key] !== undefined).map((key) => [key, inputs[key]]));
  }

  private publicInputs(inputs: Props): Props {
    const secret = new Set<string>(this.spec.secretInputs ?? []);
    return Object.fromEntries(Object.entries(this.host.ownInputs(inputs)).filter(([key]) => !secret.has(key)));
  }

  async run(inputs: Props, key: JournalKey | undefined): Promise<CreateResult> {
    const entry = key ? readEntry(key) : undefined;
    if (key && entry) {
      if (isLive(entry, this.host.now())) return this.resume(entry, key, inputs);
      removeEntry(key);
    }
    return this.fresh(inputs, key);
  }

  /** A create nobody attempted before: journal the token, then create. */
  private async fresh(inputs: Props, key: JournalKey | undefined): Promise<CreateResult> {
    const clientToken = this.host.mintToken();
    if (key) {
      const entry: JournalEntry = {
        version: 2,
        clientToken,
        owner: key.owner,
        inputs: this.publicInputs(inputs),
        secretsFingerprint: tokenFingerprint(clientToken, this.secretInputs(inputs)),
        createdAt: this.host.now(),
      };
      writeEntry(key, entry, this.warn);
    }
    return this.attempt(inputs, clientToken, key, false);
  }

  private async resume(entry: JournalEntry, key: JournalKey, inputs: Props): Promise<CreateResult> {
    const spec = this.spec;
    const ctx = this.host.context(inputs, undefined);
    if (entry.resourceId !== undefined) {
      const id = entry.resourceId;
      const found = await this.host.readOrAbsent(ctx, id, { ...inputs, ...entry.inputs, [spec.idOutput]: id });
      if (!found) {
        ctx.progress(`${id}, made by an earlier create of this resource that was never recorded, no longer exists: creating afresh`);
        removeEntry(key);
        return this.fresh(inputs, key);
      }
      ctx.progress(`found ${id}, made by an earlier create of this resource that was never recorded: taking it over`);
      return this.takeOver(ctx, id, found, inputs, entry.inputs);
    }
    // The first attempt's outcome is unknown: ask again with its token and its inputs; a cloud that
    // made it answers with the original, one that did not makes it now. Either way, one resource.
    const original: Props = { ...this.host.lifecycleInputs(inputs), ...entry.inputs, ...this.secretInputs(inputs) };
    const changed = !isDeepStrictEqual(this.publicInputs(original), this.publicInputs(inputs));
    ctx.progress(
      `an earlier create of this resource was cut short before the cloud's answer was recorded: asking again with its clientToken${changed ? " and its original inputs, then applying the new ones" : ""}`,
    );
    let replayed: CreateResult;
    try {
      replayed = await this.attempt(original, entry.clientToken, key, true);
    } catch (error) {
      // The token named a resource that has since been deleted: nothing to take over.
      if (!(error instanceof PartialCreateError) && isServiceError(error, ...spec.notFoundCodes)) {
        removeEntry(key);
        return this.fresh(inputs, key);
      }
      throw error;
    }
    if (!changed) return replayed;
    const found = await this.host.readOrAbsent(ctx, replayed.id, replayed.outs);
    if (!found) throw new Error(`ctyun:${spec.type} ${ctx.name}: the replayed create named ${replayed.id}, which read cannot find; run \`pulumi up\` again`);
    return this.takeOver(ctx, replayed.id, found, inputs, original);
  }

  /** One attempt with `clientToken`; the journal learns the id the moment the cloud gives it. */
  private async attempt(inputs: Props, clientToken: string, key: JournalKey | undefined, replaying: boolean): Promise<CreateResult> {
    const spec = this.spec;
    let createdId: string | undefined;
    let known: Props = {};
    const recordId = (id: string): void => {
      if (!key) return;
      const entry = readEntry(key);
      if (entry && entry.resourceId !== id) writeEntry(key, { ...entry, resourceId: id }, this.warn);
    };
    const { ctx, madeNothing } = writeTracker(
      this.host.context(inputs, clientToken, (id, outputs) => {
        createdId = id;
        known = { ...known, ...outputs };
        recordId(id);
      }, replaying),
    );
    try {
      const { id, outputs } = await spec.create(ctx, inputs);
      recordId(id);
      return { id, outs: { ...inputs, ...outputs, [spec.idOutput]: id } };
    } catch (error) {
      if (createdId !== undefined) throw partialCreate(spec, ctx.name, createdId, { ...inputs, ...known }, error, "was created but is not ready");
      const nothingMade = (madeNothing() && !isAmbiguous(error)) || hasKind(error, "order-failed");
      // Refused before anything was made: the journal has nothing to find.
      if (key && nothingMade) removeEntry(key);
      throw explained(error);
    }
  }

  /**
   * Takes over `id` (made by an earlier attempt with the `original` inputs) and brings it to
   * `inputs`. What read does not report of it (billing, say) is what it was created with.
   */
  private async takeOver(ctx: HandlerContext, id: string, found: { inputs: Props; outputs: Props }, inputs: Props, original: Props): Promise<CreateResult> {
    const spec = this.spec;
    const made: Props = { ...this.host.ownInputs(original), ...found.inputs };
    const current: Props = { ...inputs, ...made, ...found.outputs, [spec.idOutput]: id };
    const mismatches = createOnlyMismatches(spec, made, inputs);
    if (mismatches.length > 0) {
      const detail = mismatches.map((k) => `${k} is ${JSON.stringify(made[k])} there`).join(", ");
      const text =
        `ctyun:${spec.type} ${ctx.name}: found ${id}, made by an earlier create of this resource that was never recorded, but ${detail}, ` +
        "which cannot change in place. It is now recorded in the stack as it is; the next `pulumi up` replaces it (creating the new one and deleting this one).";
      throw new PartialCreateError(text, id, current, [text]);
    }
    try {
      const outputs = await spec.update(ctx, id, current, inputs, changedInputs(spec, current, inputs));
      return { id, outs: { ...inputs, ...outputs, [spec.idOutput]: id } };
    } catch (error) {
      throw partialCreate(spec, ctx.name, id, current, error, "was found (made by an earlier create) but could not be brought to the new inputs");
    }
  }
}

/**
 * A failed order or an unanswered create says what exists and what the next `pulumi up` does
 * (other failures already say what to fix).
 */
function explained(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  if (hasKind(error, "order-failed")) error.message += ". Nothing was created; the next `pulumi up` orders again.";
  else if (isAmbiguous(error)) error.message += ". The cloud may have received the create: the next `pulumi up` looks for what it made (same clientToken) before ordering anything new.";
  return error;
}

/** The partial-create failure the engine shows: what exists, what failed, what the next `up` does. */
export function partialCreate(spec: AnyResourceSpec, name: string, id: string, properties: Props, error: unknown, what: string): PartialCreateError {
  const text = `ctyun:${spec.type} ${name} ${what}: it exists as ${id} — ${message(error)}. It is recorded in the stack; the next \`pulumi up\` resumes it.`;
  return new PartialCreateError(text, id, { ...properties, [spec.idOutput]: id }, [text], { cause: error });
}
