/**
 * Billing orders (spec C.5). `place()` records an order in status "14" (开通中) and returns its ids;
 * when its timing says so the registered completion action runs and the order becomes "3" (完成), or
 * "5" (施工失败) on failure. Orders are queried by id alone (`query-uuid` has no regionID).
 */
import type { IdGenerator } from "../store/ids";
import type { Store } from "../store/store";
import type { JsonObject } from "./json";
import type { PendingItem } from "./pending";
import type { Scheduler } from "./scheduler";
import { settleWork, type RequireAction, type RunAction } from "./settlement";

export const ORDER_KIND = "order";

export const ORDER_STATUS = {
  provisioning: "14",
  finished: "3",
  failed: "5",
} as const;
export type OrderStatus = (typeof ORDER_STATUS)[keyof typeof ORDER_STATUS];

export type OrderType = "create" | "modify" | "refund";

export interface PlaceOrderInput {
  readonly kind: OrderType;
  readonly regionId: string;
  /** Free text shown in state dumps and the generic order query, e.g. `VM`, `EIP`, `EBS`. */
  readonly resourceType: string;
  /** Ids the order is about; for creates these are reported in `instanceIDList` once finished. */
  readonly resourceIds: readonly string[];
  /** Registered order action run on success (`api.orderAction(name, fn)`). */
  readonly action: string;
  /** Registered order action run on failure, e.g. to remove a placeholder resource. */
  readonly failAction?: string;
  readonly payload?: JsonObject;
  /** Timing kind; defaults to `refund` for refunds and `order` otherwise. */
  readonly timing?: string;
}

export interface OrderRecord {
  readonly masterOrderID: string;
  readonly masterOrderNO: string;
  readonly kind: OrderType;
  readonly regionId: string;
  readonly resourceType: string;
  readonly resourceIds: readonly string[];
  readonly action: string;
  readonly failAction: string | null;
  readonly payload: JsonObject;
  readonly timing: string;
  readonly status: OrderStatus;
  readonly createdAt: number;
  readonly finishedAt: number | null;
  readonly failureReason: string | null;
}

export interface PlacedOrder {
  readonly masterOrderID: string;
  readonly masterOrderNO: string;
}

export class OrderEngine {
  constructor(
    private readonly store: Store,
    private readonly ids: IdGenerator,
    private readonly scheduler: Scheduler,
    private readonly clock: () => number,
    private readonly requireAction: RequireAction,
  ) {}

  place(input: PlaceOrderInput): PlacedOrder {
    this.requireAction(input.action);
    this.requireAction(input.failAction);
    const now = this.clock();
    const timing = input.timing ?? (input.kind === "refund" ? "refund" : "order");
    const order: OrderRecord = {
      masterOrderID: this.ids.hex32(),
      masterOrderNO: this.ids.orderNumber(now, (candidate) => this.orderNumberTaken(candidate)),
      kind: input.kind,
      regionId: input.regionId,
      resourceType: input.resourceType,
      resourceIds: [...input.resourceIds],
      action: input.action,
      failAction: input.failAction ?? null,
      payload: input.payload ?? {},
      timing,
      status: ORDER_STATUS.provisioning,
      createdAt: now,
      finishedAt: null,
      failureReason: null,
    };
    this.collection().insert(order.regionId, order.masterOrderID, order);
    this.scheduler.start({ type: "order", subjectKind: ORDER_KIND, subjectId: order.masterOrderID, timing, data: {} }, now);
    return { masterOrderID: order.masterOrderID, masterOrderNO: order.masterOrderNO };
  }

  get(masterOrderID: string): OrderRecord | undefined {
    return this.collection().locate(masterOrderID)?.data;
  }

  /** One poll of the order (what `query-uuid` does): may finish it, then returns its state. */
  poll(masterOrderID: string): OrderRecord | undefined {
    if (!this.get(masterOrderID)) return undefined;
    this.scheduler.observe(ORDER_KIND, masterOrderID);
    return this.get(masterOrderID);
  }

  /**
   * Orders still provisioning in a region that match `predicate` (e.g. to reserve what they will
   * create, or to refuse a second order on the same resource).
   */
  inProgress(regionId: string, predicate: (order: OrderRecord) => boolean = () => true): OrderRecord[] {
    return this.collection().find(regionId, (order) => order.status === ORDER_STATUS.provisioning && predicate(order));
  }

  /** Applies the outcome of an order whose timing came due (the scheduler's resolver for orders). */
  settle(item: PendingItem, run: RunAction<OrderRecord>): void {
    const order = this.get(item.subjectId);
    if (!order || order.status !== ORDER_STATUS.provisioning) return;
    const failure = settleWork(item, order, order.action, order.failAction, run);
    this.collection().update(order.regionId, order.masterOrderID, {
      status: failure === null ? ORDER_STATUS.finished : ORDER_STATUS.failed,
      finishedAt: this.clock(),
      failureReason: failure,
    });
  }

  private orderNumberTaken(orderNumber: string): boolean {
    const sql = "SELECT 1 FROM resources WHERE kind = 'order' AND json_extract(data, '$.masterOrderNO') = ? LIMIT 1";
    return this.store.statement(sql).get(orderNumber) !== undefined;
  }

  private collection() {
    return this.store.collection<OrderRecord>(ORDER_KIND);
  }
}
