/** SQLite store: ids, region scoping, persistence across restarts, schema version refusal. */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { createEmulator, DATABASE_FILE_NAME, SchemaVersionError, SCHEMA_VERSION, type EmulatorApp } from "../../emulator/index";
import { IdGenerator, ID_PATTERNS } from "../../emulator/store/ids";
import { seededRandom } from "../../emulator/store/random";
import { Harness, REGION_HUABEI2, REGION_HUADONG1 } from "../helpers/emulator";
import { WIDGET_KIND, widgetService } from "./fixtures/widget-service";

describe("emulator ids", () => {
  it("mints every format the cloud uses", () => {
    const ids = new IdGenerator(seededRandom("formats"), () => false);
    for (const prefix of ["vpc", "subnet", "sg", "eip"]) assert.match(ids.prefixed(prefix), ID_PATTERNS.prefixed(prefix));
    for (let i = 0; i < 50; i++) assert.match(ids.uuid(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.match(ids.hex32(), ID_PATTERNS.hex32);
    assert.equal(ids.orderNumber(Date.UTC(2022, 9, 21, 11, 16, 2)).slice(0, 14), "20221021191602");
    assert.match(ids.orderNumber(0), ID_PATTERNS.orderNumber);
  });

  it("is deterministic for a seed and skips ids that are taken", () => {
    const a = new IdGenerator(seededRandom("s"), () => false);
    const b = new IdGenerator(seededRandom("s"), () => false);
    const first = a.prefixed("vpc");
    assert.equal(b.prefixed("vpc"), first);
    const c = new IdGenerator(seededRandom("s"), (id) => id === first);
    assert.notEqual(c.prefixed("vpc"), first);
    assert.notEqual(new IdGenerator(seededRandom("other"), () => false).prefixed("vpc"), first);
  });
});

describe("emulator store", () => {
  let dir: string;
  const apps: EmulatorApp[] = [];
  const open = (options: Parameters<typeof createEmulator>[0] = {}): EmulatorApp => {
    const app = createEmulator({ dataDir: dir, extraServices: [widgetService], signature: { verify: false }, ...options });
    apps.push(app);
    return app;
  };
  const call = async (app: EmulatorApp, method: string, url: string, body?: unknown) => {
    const res = await app.handle({ method, url, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return JSON.parse(res.body) as { statusCode: number; errorCode: string; returnObj: any };
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "ctyun-emulator-"));
  });
  afterEach(() => {
    for (const app of apps.splice(0)) app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps resources, orders and pending work across a restart (WAL file in the data dir)", async () => {
    const first = open();
    const created = await call(first, "POST", "/v4/test/widget/create", { regionID: REGION_HUADONG1, name: "persisted" });
    const { masterOrderID } = created.returnObj as { masterOrderID: string };
    const sync = await call(first, "POST", "/v4/test/widget/create-sync", { regionID: REGION_HUADONG1, name: "kept", clientToken: "t-1" });
    first.close();

    const db = new Database(join(dir, DATABASE_FILE_NAME), { readonly: true });
    assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
    db.close();

    const second = open();
    // The pending order resumes: the first poll still sees "14", then the registered action completes it.
    assert.equal((await call(second, "GET", `/v4/ecs/order/query-uuid?masterOrderID=${masterOrderID}`)).returnObj.orderStatus, "14");
    const done = await call(second, "GET", `/v4/ecs/order/query-uuid?masterOrderID=${masterOrderID}`);
    assert.equal(done.returnObj.orderStatus, "3");
    const kept = await call(second, "GET", `/v4/test/widget/show?regionID=${REGION_HUADONG1}&widgetID=${sync.returnObj.widgetID}`);
    assert.equal(kept.returnObj.name, "kept");
    // Idempotency records survive too.
    const replay = await call(second, "POST", "/v4/test/widget/create-sync", { regionID: REGION_HUADONG1, name: "kept", clientToken: "t-1" });
    assert.deepEqual(replay.returnObj, sync.returnObj);
    assert.equal(second.state().resources[WIDGET_KIND]?.length, 2);
  });

  it("does not duplicate the catalog when it reopens a database", () => {
    open().close();
    const app = open();
    assert.equal(app.state().resources["region"]?.length, 3);
  });

  it("refuses a database written by a newer schema version, with a clear message", () => {
    open().close();
    const db = new Database(join(dir, DATABASE_FILE_NAME));
    db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(SCHEMA_VERSION + 1));
    db.close();
    assert.throws(() => open(), (error: unknown) => {
      assert.ok(error instanceof SchemaVersionError);
      assert.match(error.message, new RegExp(`schema version ${SCHEMA_VERSION + 1}, newer than this emulator supports \\(${SCHEMA_VERSION}\\)`));
      return true;
    });
  });

  it("scopes records per region and supports the typed collection API", () => {
    const app = createEmulator({ inMemory: true });
    apps.push(app);
    const things = app.context.store.collection<{ id: string; n: number }>("thing");
    app.context.store.transaction(() => {
      things.insert(REGION_HUADONG1, "t-1", { id: "t-1", n: 1 });
      things.insert(REGION_HUADONG1, "t-2", { id: "t-2", n: 2 });
      things.insert(REGION_HUABEI2, "t-3", { id: "t-3", n: 3 });
    });
    assert.deepEqual(things.get(REGION_HUADONG1, "t-1"), { id: "t-1", n: 1 });
    assert.equal(things.get(REGION_HUABEI2, "t-1"), undefined, "another region does not see it");
    assert.deepEqual(things.find(REGION_HUADONG1).map((t) => t.id), ["t-1", "t-2"]);
    assert.deepEqual(things.find(REGION_HUADONG1, (t) => t.n > 1).map((t) => t.id), ["t-2"]);
    assert.equal(things.count(REGION_HUADONG1), 2);
    assert.deepEqual(things.update(REGION_HUADONG1, "t-2", { n: 20 }), { id: "t-2", n: 20 });
    assert.deepEqual(things.update(REGION_HUADONG1, "t-2", (t) => ({ ...t, n: t.n + 1 })), { id: "t-2", n: 21 });
    assert.equal(things.update(REGION_HUABEI2, "t-2", { n: 0 }), undefined);
    assert.equal(things.locate("t-3")?.region, REGION_HUABEI2);
    assert.equal(things.all().length, 3);
    assert.throws(() => things.insert(REGION_HUABEI2, "t-1", { id: "t-1", n: 9 }), /already exists/);
    assert.equal(things.delete(REGION_HUABEI2, "t-1"), false);
    assert.equal(things.delete(REGION_HUADONG1, "t-1"), true);
    assert.equal(app.context.store.idExists("t-2"), true);
  });

  it("counts integer sequences outside the resources: rolled back with a refused request, kept across a restart, cleared by a reset", () => {
    const first = open();
    const store = first.context.store;
    assert.deepEqual([store.nextCounter("s", 100), store.nextCounter("s", 100), store.nextCounter("other", 7)], [100, 101, 7]);
    assert.throws(() =>
      store.transaction(() => {
        assert.equal(store.nextCounter("s", 100), 102);
        throw new Error("refused");
      }),
    );
    const fresh = createEmulator({ extraServices: [widgetService] });
    const seeded = Object.keys(fresh.state().resources);
    fresh.close();
    assert.deepEqual(Object.keys(first.state().resources), seeded, "no counter among the resources (only what every emulator is seeded with)");
    first.close();
    const second = open();
    assert.equal(second.context.store.nextCounter("s", 100), 102, "the refused request's value is given again");
    second.context.store.clear();
    assert.equal(second.context.store.nextCounter("s", 100), 100);
  });
});

describe("emulator ids through the API with a seed", () => {
  it("gives the same ids after a reset", async () => {
    const harness = new Harness({ transport: "in-process", emulator: { seed: "fixed", extraServices: [widgetService] } });
    await harness.start();
    try {
      const create = async () => (await harness.post("/v4/test/widget/create-sync", { regionID: REGION_HUADONG1, name: "seeded" })).envelope<{ widgetID: string }>().returnObj.widgetID;
      const before = [await create(), await create()];
      await harness.reset();
      const after = [await create(), await create()];
      assert.deepEqual(after, before);
      assert.notEqual(before[0], before[1]);
    } finally {
      await harness.stop();
    }
  });
});

describe("emulator order numbers", () => {
  it("never reuse a stored masterOrderNO, even with the same clock second and random sequence", () => {
    const app = createEmulator({ seed: "orders", clock: () => Date.UTC(2024, 0, 1), extraServices: [widgetService] });
    try {
      const numbers = new Set<string>();
      app.context.store.transaction(() => {
        for (let i = 0; i < 200; i++) {
          const placed = app.context.orders.place({ kind: "create", regionId: REGION_HUADONG1, resourceType: "WIDGET", resourceIds: [`w-${i}`], action: "widget.create" });
          numbers.add(placed.masterOrderNO);
        }
      });
      assert.equal(numbers.size, 200);
      // Replaying the emulator's random sequence (hex32 for the order id, then the number) reproduces the
      // first number unless the check says it is taken.
      const [firstNumber] = numbers;
      const replay = () => {
        const generator = new IdGenerator(seededRandom("orders", "ids"), () => false);
        generator.hex32();
        return generator;
      };
      assert.equal(replay().orderNumber(Date.UTC(2024, 0, 1), () => false), firstNumber);
      const skipped = replay().orderNumber(Date.UTC(2024, 0, 1), (n) => numbers.has(n));
      assert.ok(!numbers.has(skipped));
    } finally {
      app.close();
    }
  });
});
