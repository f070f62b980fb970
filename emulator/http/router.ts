/**
 * Exact method + path routing. CTyun paths are static (no path parameters in the APIs we emulate,
 * spec B.2), so one Map lookup per request is all it takes.
 */
import type { RouteDefinition } from "../services/types";

export type RouteEntry = RouteDefinition;

export class RouteTable {
  private readonly byKey = new Map<string, RouteEntry>();
  private readonly methodsByPath = new Map<string, string[]>();
  private readonly operations = new Set<string>();

  add(route: RouteEntry): void {
    const method = route.method.toUpperCase();
    const key = `${method} ${route.path}`;
    if (this.byKey.has(key)) throw new Error(`route ${key} is registered twice`);
    if (this.operations.has(route.operation)) throw new Error(`operation name ${route.operation} is registered twice`);
    if (!/^[A-Z][A-Za-z0-9]*$/.test(route.operation)) throw new Error(`operation name ${route.operation} must be PascalCase`);
    if (!route.path.startsWith("/") || route.path.startsWith("/_emulator")) throw new Error(`route path ${route.path} is not an API path`);
    this.byKey.set(key, route);
    this.operations.add(route.operation);
    const methods = this.methodsByPath.get(route.path) ?? [];
    methods.push(method);
    this.methodsByPath.set(route.path, methods);
  }

  match(method: string, path: string): RouteEntry | undefined {
    return this.byKey.get(`${method} ${path}`);
  }

  /** Methods registered for a path (to explain a wrong-method call). */
  methodsFor(path: string): readonly string[] {
    return this.methodsByPath.get(path) ?? [];
  }

  list(): RouteEntry[] {
    return [...this.byKey.values()].sort((a, b) => (a.path === b.path ? a.method.localeCompare(b.method) : a.path < b.path ? -1 : 1));
  }
}
