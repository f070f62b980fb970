/**
 * The parameters of an API request as one JSON object, read the way CTyun's official clients send
 * them: GET parameters from the query (Go `url.ParseQuery` rules: `+` is a space; the first value of
 * a repeated key) plus any a client put in a JSON body instead (the Go SDK's ctebs list-ebs does);
 * POST parameters from the JSON body. A `null` member means "absent" everywhere: the Python SDK v2
 * serialises every unset model attribute as null, newer Go ctecs sends `"force": null`.
 */
import { parseQuery, type QueryPair } from "../auth/eop-signing";
import { InvalidParameterError } from "../errors";

export type Params = Readonly<Record<string, unknown>>;

export function readParams(method: string, rawQuery: string, body: Buffer): Params {
  const json = withoutNulls(parseBody(body));
  const query = queryObject(rawQuery);
  if (method === "GET") return { ...jsonScalars(json), ...query };
  if (json === null || typeof json !== "object" || Array.isArray(json)) throw new InvalidParameterError("the request body must be a JSON object");
  return json as Params;
}

/** Object members whose value is null are dropped, recursively. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) if (member !== null) out[key] = withoutNulls(member);
  return out;
}

function parseBody(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString("utf8")) as unknown;
  } catch {
    throw new InvalidParameterError("the request body is not valid JSON");
  }
}

/** First value per key. */
function queryObject(rawQuery: string): Record<string, string> {
  const pairs: QueryPair[] | undefined = parseQuery(rawQuery);
  if (!pairs) throw new InvalidParameterError("the query string contains a malformed percent-escape");
  const out: Record<string, string> = {};
  for (const [key, value] of pairs) if (!(key in out)) out[key] = value;
  return out;
}

/** A GET body's members as query values would be: scalars as text, arrays as comma lists; objects ignored. */
function jsonScalars(body: unknown): Record<string, string> {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return {};
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (value === undefined || (typeof value === "object" && !Array.isArray(value))) continue;
    out[key] = Array.isArray(value) ? value.map(String).join(",") : String(value);
  }
  return out;
}
