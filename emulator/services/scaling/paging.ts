/**
 * Scaling lists page with `pageNo` (or the deprecated `page`) and `pageSize` 1–100, default 10
 * (py-sc list models).
 */
import { paginate, readPaging, type Page } from "../shared/paging";
import type { Params } from "../params";

export const MAX_SCALING_PAGE_SIZE = 100;

export function paged<T>(items: readonly T[], params: Params): Page<T> {
  const withPage = params["pageNo"] === undefined && params["page"] !== undefined ? { ...params, pageNo: params["page"] } : params;
  return paginate(items, readPaging(withPage, { maxPageSize: MAX_SCALING_PAGE_SIZE }));
}
