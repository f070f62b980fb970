/**
 * Every service's backend, found by name, as moto finds `ec2_backends[...]`: a service calls another
 * only through `ctx.backend("vpc")`, the other's public API, and never reads or writes the other's
 * records. There is no import between the two services, so no import circle however they use each
 * other (ECS asks EBS for its system disk, EBS asks ECS whether a VM may take a disk).
 *
 * A service names its backend type where it defines the class, by adding a member to `Backends`:
 *
 *     declare module "../../engine/backends" { interface Backends { vpc: VpcBackend } }
 *
 * and registers the factory in its index.ts with `api.backend("vpc", (ctx) => new VpcBackend(ctx))`.
 */

// Filled by the services through declaration merging (see above).
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface Backends {}

export type BackendName = keyof Backends;

export class BackendRegistry<C> {
  private readonly factories = new Map<string, (ctx: C) => unknown>();

  register<K extends BackendName>(name: K, factory: (ctx: C) => Backends[K]): void {
    if (this.factories.has(name)) throw new Error(`backend "${name}" is already registered`);
    this.factories.set(name, factory);
  }

  /** A backend working on `ctx` (backends are cheap: their state is the store). */
  create<K extends BackendName>(name: K, ctx: C): Backends[K] {
    const factory = this.factories.get(name);
    if (!factory) throw new Error(`no backend "${name}" is registered; register it with api.backend()`);
    return factory(ctx) as Backends[K];
  }

  has(name: string): boolean {
    return this.factories.has(name);
  }

  names(): string[] {
    return [...this.factories.keys()].sort();
  }
}
