/**
 * Paging for list APIs. CTyun lists take `pageNo` (the deprecated `pageNumber` too, spec D.1) and
 * `pageSize` (default 10, max 50); TF's old layer sends `0` for "unset", and some old-layer callers
 * send page sizes above 50 (spec D.2), which a service can choose to tolerate.
 */
import { InvalidParameterError } from "../../errors";

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 50;

export interface Paging {
  readonly pageNo: number;
  readonly pageSize: number;
}

export interface PagingOptions {
  readonly defaultPageSize?: number;
  readonly maxPageSize?: number;
  /** Clamp larger sizes to `maxPageSize` instead of rejecting them. */
  readonly clampPageSize?: boolean;
}

/** Reads `pageNo` (or `pageNumber`) and `pageSize` from request parameters (numbers or numeric strings). */
export function readPaging(input: Readonly<Record<string, unknown>>, options: PagingOptions = {}): Paging {
  const maxPageSize = options.maxPageSize ?? MAX_PAGE_SIZE;
  const pageNo = positiveInt(input["pageNo"] ?? input["pageNumber"], "pageNo") ?? 1;
  let pageSize = positiveInt(input["pageSize"], "pageSize") ?? options.defaultPageSize ?? DEFAULT_PAGE_SIZE;
  if (pageSize > maxPageSize) {
    if (!options.clampPageSize) throw new InvalidParameterError(`pageSize must not exceed ${maxPageSize}`);
    pageSize = maxPageSize;
  }
  return { pageNo, pageSize };
}

export interface Page<T> {
  readonly items: T[];
  /** Items on this page (`currentCount` in CTyun list responses). */
  readonly currentCount: number;
  readonly totalCount: number;
  readonly totalPage: number;
}

export function paginate<T>(items: readonly T[], paging: Paging): Page<T> {
  const start = (paging.pageNo - 1) * paging.pageSize;
  const page = items.slice(start, start + paging.pageSize);
  return { items: page, currentCount: page.length, totalCount: items.length, totalPage: Math.ceil(items.length / paging.pageSize) };
}

/** undefined for absent/empty/0 ("unset" as TF sends it); throws for anything not a non-negative integer. */
function positiveInt(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const n = typeof value === "number" ? value : typeof value === "string" && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 0) throw new InvalidParameterError(`${name} must be a non-negative integer`);
  return n === 0 ? undefined : n;
}

/**
 * The returnObj of a CTyun list API: the page's rows under the API's own key (`vpcs`, `eips`, …)
 * beside `currentCount`, `totalCount` and `totalPage` (integers).
 */
export function listResult<T, K extends string>(key: K, page: Page<T>, view: (item: T) => unknown): Record<K, unknown[]> & Omit<Page<T>, "items"> {
  return { [key]: page.items.map(view), currentCount: page.currentCount, totalCount: page.totalCount, totalPage: page.totalPage } as Record<K, unknown[]> & Omit<Page<T>, "items">;
}
