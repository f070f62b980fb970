/** The shared paging helper every list API uses. */
import assert from "node:assert/strict";
import { InvalidParameterError } from "../../emulator/errors";
import { paginate, readPaging } from "../../emulator/services/shared/paging";

describe("emulator paging helper", () => {
  it("reads pageNo, the deprecated pageNumber and pageSize; 0 and empty mean unset", () => {
    assert.deepEqual(readPaging({}), { pageNo: 1, pageSize: 10 });
    assert.deepEqual(readPaging({ pageNo: "3", pageSize: "20" }), { pageNo: 3, pageSize: 20 });
    assert.deepEqual(readPaging({ pageNumber: 2, pageSize: 5 }), { pageNo: 2, pageSize: 5 });
    assert.deepEqual(readPaging({ pageNo: 0, pageSize: 0 }), { pageNo: 1, pageSize: 10 });
    assert.deepEqual(readPaging({ pageNo: "", pageSize: "" }), { pageNo: 1, pageSize: 10 });
  });

  it("rejects sizes above 50 unless the caller clamps, and non-integers always", () => {
    assert.throws(() => readPaging({ pageSize: 51 }), (error: unknown) => error instanceof InvalidParameterError && error.code === "Openapi.Parameter.Invalid");
    assert.deepEqual(readPaging({ pageSize: 100 }, { clampPageSize: true }), { pageNo: 1, pageSize: 50 });
    assert.throws(() => readPaging({ pageNo: "1.5" }), /pageNo must be a non-negative integer/);
    assert.throws(() => readPaging({ pageSize: -1 }), /pageSize must be a non-negative integer/);
  });

  it("slices pages and counts like CTyun list responses", () => {
    const items = [1, 2, 3, 4, 5, 6, 7];
    assert.deepEqual(paginate(items, { pageNo: 1, pageSize: 3 }), { items: [1, 2, 3], currentCount: 3, totalCount: 7, totalPage: 3 });
    assert.deepEqual(paginate(items, { pageNo: 3, pageSize: 3 }), { items: [7], currentCount: 1, totalCount: 7, totalPage: 3 });
    assert.deepEqual(paginate(items, { pageNo: 4, pageSize: 3 }), { items: [], currentCount: 0, totalCount: 7, totalPage: 3 });
    assert.deepEqual(paginate([], { pageNo: 1, pageSize: 10 }), { items: [], currentCount: 0, totalCount: 0, totalPage: 0 });
  });
});
