/**
 * What every resource class shares: the type-token module, the common arguments, and the props
 * bag handed to `dynamic.Resource` (inputs, the logical name for auto-naming, and every output key
 * seeded so the SDK creates the output property).
 */
import type * as pulumi from "@pulumi/pulumi";
import { ownerScope } from "./scope";

/**
 * Type tokens are `pulumi-nodejs:dynamic/ctyun:<Class>`. They are part of every user's state:
 * changing this module name or a class name replaces every resource. Frozen.
 */
export const TOKEN_MODULE = "ctyun";

/** Per-step time limits, since the engine ignores `customTimeouts` for dynamic resources. */
export interface TimeoutsArgs {
  /** Go-style duration, e.g. "15m". */
  readonly create?: pulumi.Input<string>;
  /** Go-style duration, e.g. "15m". */
  readonly update?: pulumi.Input<string>;
  /** Go-style duration, e.g. "15m". */
  readonly delete?: pulumi.Input<string>;
}

/** Where `get` finds an existing resource; both default to the stack's settings. */
export interface ReadArgs {
  /** Region (32-hex `regionID`). Default: stack config `ctyun:regionId`. */
  readonly regionId?: pulumi.Input<string>;
  /** Enterprise project id. Default: stack config `ctyun:projectId`. */
  readonly projectId?: pulumi.Input<string>;
}

export interface CommonArgs {
  /**
   * How long create, update and delete may take (Go-style durations such as "90s", "15m").
   * Defaults are documented per resource. Changing them updates no cloud resource.
   */
  readonly timeouts?: pulumi.Input<TimeoutsArgs>;
  /**
   * Take an existing cloud resource under management instead of creating one: create reads this
   * id, refuses if a create-only input differs from the cloud, and applies the updatable inputs.
   * Deleting the Pulumi resource deletes the cloud resource (use `retainOnDelete` to keep it).
   * Pulumi's `import` does not work for dynamic resources; this is the supported way.
   */
  readonly adoptId?: pulumi.Input<string>;
}

/** What a class needs of its spec: the kind, and the input and output keys. */
export interface SurfaceOf {
  /** The kind, e.g. `Vpc`. */
  readonly type: string;
  /** The spec's input schema (its keys). */
  readonly inputs: { readonly shape: object };
  /** The spec's output keys. */
  readonly outputs: object;
}

/**
 * The props bag of a resource: its arguments, the logical name (for auto-naming), the owner scope
 * (for the create journal) and every input and output key of the spec seeded, so the SDK creates
 * the output properties.
 */
export function resourceProps(spec: SurfaceOf, name: string, args: object | undefined, opts: pulumi.CustomResourceOptions | undefined): Record<string, unknown> {
  const props: Record<string, unknown> = {
    ...(args ?? {}),
    pulumiName: name,
    pulumiScope: ownerScope(`pulumi-nodejs:dynamic/${TOKEN_MODULE}:${spec.type}`, name, opts?.parent),
  };
  for (const key of [...Object.keys(spec.inputs.shape), ...Object.keys(spec.outputs)]) if (!(key in props)) props[key] = undefined;
  return props;
}
