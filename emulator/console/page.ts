/**
 * The emulator console: one self-contained page (no framework, no build step) served at
 * `/_emulator/console`. It reads the control plane's JSON (`state`, `requests`) once a second and
 * shows what the emulated cloud holds — regions, VPCs with their subnets and route tables, security
 * groups and rules, VMs, disks, EIPs, buckets and objects, every other kind a service adds, orders
 * and jobs in flight — and the live request log with injected faults marked. Read-only: it calls no
 * mutating route. Values are written with `textContent`, never parsed as HTML.
 */
export const CONSOLE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>CTyun emulator console</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<style>
  :root { --fg: #1d2330; --muted: #667085; --line: #e4e7ec; --bg: #f8f9fb; --ok: #067647; --warn: #b54708; --bad: #b42318; --accent: #1570ef; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--fg); background: var(--bg); }
  header { display: flex; gap: 16px; align-items: baseline; padding: 12px 20px; background: #fff; border-bottom: 1px solid var(--line); position: sticky; top: 0; }
  header h1 { font-size: 16px; margin: 0; }
  header .muted { color: var(--muted); }
  main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 16px; padding: 16px 20px; }
  section { background: #fff; border: 1px solid var(--line); border-radius: 8px; margin-bottom: 16px; overflow: hidden; }
  section h2 { font-size: 13px; margin: 0; padding: 8px 12px; border-bottom: 1px solid var(--line); background: #fcfcfd; display: flex; justify-content: space-between; }
  section h2 .count { color: var(--muted); font-weight: normal; }
  table { width: 100%; border-collapse: collapse; }
  th, td { text-align: left; padding: 4px 12px; border-bottom: 1px solid var(--line); vertical-align: top; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 320px; }
  th { color: var(--muted); font-weight: 500; }
  tr.child td:first-child { padding-left: 28px; }
  .empty { color: var(--muted); padding: 8px 12px; }
  .status { font-weight: 600; }
  .status.ok { color: var(--ok); } .status.warn { color: var(--warn); } .status.bad { color: var(--bad); }
  .fault { color: var(--bad); font-weight: 600; }
  code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
</style>
</head>
<body>
<header><h1>CTyun emulator</h1><span class="muted" id="where"></span><span class="muted" id="updated">loading…</span></header>
<main>
  <div id="left"></div>
  <div id="right"></div>
</main>
<script>
"use strict";
const OK = ["running", "available", "in-use", "active", "ACTIVE", "DOWN", "started", "normal", "enable", "enabled"];
const BAD = ["error", "failed", "ERROR", "DELETED", "expired", "EXPIRED"];
const el = (tag, attrs, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(child === undefined || child === null ? "" : String(child)));
  return node;
};
const statusCell = (value) => {
  const text = value === undefined || value === null ? "" : String(value);
  const cls = OK.includes(text) ? "ok" : BAD.includes(text) ? "bad" : text ? "warn" : "";
  return el("td", {}, el("span", { class: "status " + cls }, text));
};
function section(title, count, body) {
  return el("section", { "data-section": title }, el("h2", {}, title, el("span", { class: "count" }, count)), body);
}
function table(headers, rows) {
  if (rows.length === 0) return el("div", { class: "empty" }, "none");
  return el("table", {}, el("thead", {}, el("tr", {}, ...headers.map((h) => el("th", {}, h)))), el("tbody", {}, ...rows));
}
const pick = (record, ...keys) => { for (const key of keys) if (record[key] !== undefined && record[key] !== null && record[key] !== "") return record[key]; return ""; };
const byKind = (resources, kind) => (resources[kind] || []).map((r) => ({ ...r.data, __id: r.id, __region: r.region }));
// Kinds with a section of their own, and seeded catalog data (hostPool: the zones' hosts) that is nobody's resource.
const SHOWN = new Set(["region", "flavor", "image", "zosService", "hostPool", "vpc", "subnet", "routeTable", "securityGroup", "securityGroupRule", "instance", "disk", "eip", "bucket", "keyPair"]);

function render(state, requests) {
  const resources = state.resources || {};
  const left = document.getElementById("left");
  const right = document.getElementById("right");
  const regions = byKind(resources, "region");
  const regionName = (id) => (regions.find((r) => r.regionID === id) || {}).regionName || id;
  const subnets = byKind(resources, "subnet");
  const tables = byKind(resources, "routeTable");
  const vpcRows = [];
  for (const vpc of byKind(resources, "vpc")) {
    vpcRows.push(el("tr", { "data-vpc": vpc.vpcID }, el("td", {}, el("code", {}, vpc.vpcID)), el("td", {}, vpc.name), el("td", {}, vpc.CIDR), el("td", {}, regionName(vpc.__region))));
    for (const subnet of subnets.filter((s) => s.vpcID === vpc.vpcID)) {
      vpcRows.push(el("tr", { class: "child" }, el("td", {}, el("code", {}, subnet.subnetID)), el("td", {}, subnet.name), el("td", {}, subnet.CIDR), el("td", {}, "subnet")));
    }
    for (const rt of tables.filter((t) => t.vpcID === vpc.vpcID)) {
      vpcRows.push(el("tr", { class: "child" }, el("td", {}, el("code", {}, pick(rt, "routeTableID", "id", "__id"))), el("td", {}, rt.name), el("td", {}, ""), el("td", {}, "route table")));
    }
  }
  const rules = byKind(resources, "securityGroupRule");
  const groupRows = [];
  for (const group of byKind(resources, "securityGroup")) {
    groupRows.push(el("tr", {}, el("td", {}, el("code", {}, pick(group, "id", "__id"))), el("td", {}, pick(group, "securityGroupName", "name")), el("td", {}, group.vpcID), el("td", {}, "")));
    for (const rule of rules.filter((r) => r.securityGroupID === pick(group, "id", "__id"))) {
      groupRows.push(el("tr", { class: "child" }, el("td", {}, el("code", {}, pick(rule, "id", "__id"))), el("td", {}, rule.direction + " " + rule.action), el("td", {}, rule.protocol + " " + (rule.range || "")), el("td", {}, rule.destCidrIp || rule.remoteSecurityGroupID || "")));
    }
  }
  const vms = byKind(resources, "instance").map((vm) => el("tr", {}, el("td", {}, el("code", {}, vm.instanceID)), el("td", {}, vm.instanceName), statusCell(vm.instanceStatus), el("td", {}, ((vm.networkCardList || [])[0] || {}).IPv4Address || ""), el("td", {}, vm.floatingIP || "")));
  const disks = byKind(resources, "disk").map((d) => el("tr", {}, el("td", {}, el("code", {}, d.diskID)), el("td", {}, d.diskName), el("td", {}, d.diskSize + " GB " + (d.diskType || "")), statusCell(d.diskStatus), el("td", {}, (d.attachments || []).map((a) => a.instanceID).join(", "))));
  const eips = byKind(resources, "eip").map((e) => el("tr", {}, el("td", {}, el("code", {}, pick(e, "ID", "eipID", "__id"))), el("td", {}, e.name), el("td", {}, e.eipAddress), statusCell(e.status), el("td", {}, e.associationID || "")));
  const buckets = byKind(resources, "bucket").map((b) => el("tr", {}, el("td", {}, b.bucket || b.__id), el("td", {}, regionName(b.__region)), el("td", {}, b.ACL || ""), el("td", {}, String((b.objects || []).length))));
  const keyPairs = byKind(resources, "keyPair").map((k) => el("tr", {}, el("td", {}, el("code", {}, pick(k, "keyPairID", "__id"))), el("td", {}, k.keyPairName), el("td", {}, k.fingerPrint || "")));
  const others = Object.keys(resources).filter((kind) => !SHOWN.has(kind)).sort();

  left.replaceChildren(
    section("VPCs, subnets and route tables", byKind(resources, "vpc").length, table(["id", "name", "CIDR", "region / kind"], vpcRows)),
    section("Security groups and rules", byKind(resources, "securityGroup").length, table(["id", "name / rule", "vpc / protocol", "remote"], groupRows)),
    section("VMs", vms.length, table(["id", "name", "status", "private IP", "EIP"], vms)),
    section("Disks", disks.length, table(["id", "name", "size", "status", "attached to"], disks)),
    section("Elastic IPs", eips.length, table(["id", "name", "address", "status", "bound to"], eips)),
    section("Buckets", buckets.length, table(["name", "region", "ACL", "objects"], buckets)),
    section("Key pairs", keyPairs.length, table(["id", "name", "fingerprint"], keyPairs)),
    ...others.map((kind) => {
      const records = resources[kind] || [];
      return section(kind, records.length, table(["id", "region", "fields"], records.map((r) => el("tr", {}, el("td", {}, el("code", {}, r.id)), el("td", {}, regionName(r.region)), el("td", {}, JSON.stringify(r.data).slice(0, 200))))));
    }),
  );
  const inFlight = (state.orders || []).filter((o) => !["3", "13", 3, 13].includes(o.status !== undefined ? o.status : o.orderStatus));
  const jobs = (state.jobs || []).filter((j) => (j.status !== undefined ? j.status : 0) === 0);
  const recent = (requests || []).slice(-100).reverse();
  right.replaceChildren(
    section("Regions", regions.length, table(["name", "regionID", "zones"], regions.map((r) => el("tr", {}, el("td", {}, r.regionName), el("td", {}, el("code", {}, r.regionID)), el("td", {}, (r.zones || []).length))))),
    section("Orders and jobs in flight", inFlight.length + jobs.length, table(["id", "kind", "status"], [
      ...inFlight.map((o) => el("tr", {}, el("td", {}, el("code", {}, o.masterOrderID || o.id || "")), el("td", {}, "order " + (o.action || o.type || "")), statusCell(o.status !== undefined ? o.status : o.orderStatus))),
      ...jobs.map((j) => el("tr", {}, el("td", {}, el("code", {}, j.jobID || j.id || "")), el("td", {}, "job " + (j.action || "")), statusCell("executing"))),
    ])),
    section("Requests (newest first)", (requests || []).length, table(["#", "operation", "result", "fault"], recent.map((r) => el("tr", {}, el("td", {}, r.seq), el("td", {}, r.operation || r.path), el("td", {}, r.errorCode && r.errorCode !== "SUCCESS" ? r.status + " " + r.errorCode : String(r.status)), el("td", { class: r.fault ? "fault" : "" }, r.fault || ""))))),
  );
}

async function refresh() {
  try {
    const [state, log] = await Promise.all([fetch("state").then((r) => r.json()), fetch("requests").then((r) => r.json())]);
    render(state, log.requests);
    document.getElementById("updated").textContent = "updated " + new Date().toLocaleTimeString();
  } catch (error) {
    document.getElementById("updated").textContent = "cannot reach the emulator: " + error.message;
  }
}
document.getElementById("where").textContent = location.origin;
refresh();
setInterval(refresh, 1000);
</script>
</body>
</html>
`;
