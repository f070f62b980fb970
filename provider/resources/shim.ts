/**
 * The provider object Pulumi serializes into every resource's state (`__provider`).
 *
 * It must stay tiny and stable: each method requires the runtime **by package name inside its
 * body**, so the serialized text captures only the resource kind (a string). No client, schema or
 * credential is ever captured; the runtime is resolved from the program's `node_modules` when the
 * method runs, so a library upgrade also fixes resources created by older versions. The runtime
 * entry `pulumi-ctyun/runtime` and its `dispatch(kind, method, args, config)` signature are
 * therefore a compatibility contract: never rename or change them incompatibly.
 */
import type * as pulumi from "@pulumi/pulumi";

/** The stack settings `configure` copies out of the engine's request: plain strings only. */
interface ShimState {
  config?: Record<string, string>;
}

const CONFIG_KEYS = ["endpoint", "accessKey", "secretKey", "regionId", "azName", "projectId"];

const providers = new Map<string, pulumi.dynamic.ResourceProvider>();

/**
 * The provider object for a resource kind: one per kind and process, so the SDK serializes it once
 * (its cache is keyed by object identity).
 */
export function providerFor(kind: string): pulumi.dynamic.ResourceProvider {
  let provider = providers.get(kind);
  if (!provider) {
    provider = makeProvider(kind);
    providers.set(kind, provider);
  }
  return provider;
}

function makeProvider(kind: string): pulumi.dynamic.ResourceProvider {
  return {
    async configure(this: ShimState, req: pulumi.dynamic.ConfigureRequest) {
      const config: Record<string, string> = {};
      for (const key of CONFIG_KEYS) {
        const value = req.config.get(`ctyun:${key}`);
        if (value !== undefined && value !== "") config[key] = value;
      }
      this.config = config;
    },
    async check(this: ShimState, olds: unknown, news: unknown) {
      return require("pulumi-ctyun/runtime").dispatch(kind, "check", [olds, news], this.config);
    },
    async diff(this: ShimState, id: string, olds: unknown, news: unknown) {
      return require("pulumi-ctyun/runtime").dispatch(kind, "diff", [id, olds, news], this.config);
    },
    async create(this: ShimState, inputs: unknown) {
      return require("pulumi-ctyun/runtime").dispatch(kind, "create", [inputs], this.config);
    },
    async read(this: ShimState, id: string, props: unknown) {
      return require("pulumi-ctyun/runtime").dispatch(kind, "read", [id, props], this.config);
    },
    async update(this: ShimState, id: string, olds: unknown, news: unknown) {
      return require("pulumi-ctyun/runtime").dispatch(kind, "update", [id, olds, news], this.config);
    },
    async delete(this: ShimState, id: string, props: unknown) {
      await require("pulumi-ctyun/runtime").dispatch(kind, "delete", [id, props], this.config);
    },
  } as pulumi.dynamic.ResourceProvider;
}
