/** Decoded query parameters (Go `url.ParseQuery` rules: `+` is a space). */
import { parseQuery, type QueryPair } from "../auth/eop-signing";
import { InvalidParameterError } from "../errors";

export class QueryParams {
  private constructor(private readonly pairs: readonly QueryPair[]) {}

  static parse(rawQuery: string): QueryParams {
    const pairs = parseQuery(rawQuery);
    if (!pairs) throw new InvalidParameterError("the query string contains a malformed percent-escape");
    return new QueryParams(pairs);
  }

  /**
   * GET parameters an official client put in a JSON body instead of the query (the Go SDK's ctebs
   * list-ebs does): each scalar member not already in the query is added as its string form, arrays
   * as a comma list. Nothing changes for a body that is not a JSON object.
   */
  withJsonBody(body: unknown): QueryParams {
    if (body === null || typeof body !== "object" || Array.isArray(body)) return this;
    const extra: QueryPair[] = [];
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      if (this.has(key) || value === null || value === undefined || typeof value === "object" && !Array.isArray(value)) continue;
      extra.push([key, Array.isArray(value) ? value.map(String).join(",") : String(value)]);
    }
    return extra.length === 0 ? this : new QueryParams([...this.pairs, ...extra]);
  }

  /** First value of `name`, or undefined. */
  get(name: string): string | undefined {
    return this.pairs.find(([key]) => key === name)?.[1];
  }

  getAll(name: string): string[] {
    return this.pairs.filter(([key]) => key === name).map(([, value]) => value);
  }

  has(name: string): boolean {
    return this.pairs.some(([key]) => key === name);
  }

  /** First value per key. */
  toObject(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, value] of this.pairs) if (!(key in out)) out[key] = value;
    return out;
  }
}

/** A comma-separated id list (`vpcID=a,b`), trimmed, empties dropped; undefined when absent or empty. */
export function commaList(value: string | undefined): string[] | undefined {
  if (!value) return undefined;
  const items = value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  return items.length > 0 ? items : undefined;
}
