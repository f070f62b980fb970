import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { Vpc } from "../../provider/resources/vpc";
import { currentBackend, expectedUrn, ownerScope } from "../../provider/resources/scope";

const VPC = "pulumi-nodejs:dynamic/ctyun:Vpc";

function mocks(project: string, stack: string): void {
  pulumi.runtime.setMocks({ newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }), call: () => ({}) }, project, stack);
}

class Tier extends pulumi.ComponentResource {
  constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
    super("acme:web:Tier", name, {}, opts);
  }
}

describe("owner scope (what keys the create journal)", () => {
  afterEach(() => mocks("project", "stack"));

  it("predicts the URN the engine gives, parent types included", async () => {
    mocks("shop", "dev");
    const tier = new Tier("tier");
    const vpc = new Vpc("net", { cidr: "10.0.0.0/16", regionId: "bb9fdb42056f11eda1610242ac110002" }, { parent: tier });
    const urn = await new Promise<string>((resolve) => vpc.urn.apply(resolve));
    assert.equal(expectedUrn(VPC, "net", tier), urn);
    assert.equal(urn, "urn:pulumi:dev::shop::acme:web:Tier$pulumi-nodejs:dynamic/ctyun:Vpc::net");
    assert.equal(expectedUrn(VPC, "net", undefined), "urn:pulumi:dev::shop::pulumi-nodejs:dynamic/ctyun:Vpc::net");
    // Deeper, the engine prefixes the parent's whole qualified type (urn.New with parent.QualifiedType());
    // the SDK's mocks keep only the last parent type, so this is checked against the engine's form.
    const inner = new Tier("inner", { parent: tier });
    assert.equal(expectedUrn(VPC, "net", inner), "urn:pulumi:dev::shop::acme:web:Tier$acme:web:Tier$pulumi-nodejs:dynamic/ctyun:Vpc::net");
  });

  it("differs between stacks, projects, parents and logical names, and is stable otherwise", () => {
    mocks("shop", "dev");
    const dev = ownerScope(VPC, "net", undefined);
    assert.equal(ownerScope(VPC, "net", undefined), dev);
    assert.notEqual(ownerScope(VPC, "net2", undefined), dev);
    assert.notEqual(ownerScope(VPC, "net", new Tier("t")), dev);
    mocks("shop", "prod");
    assert.notEqual(ownerScope(VPC, "net", undefined), dev);
    mocks("blog", "dev");
    assert.notEqual(ownerScope(VPC, "net", undefined), dev);
  });

  it("is passed to the provider as a hash: no backend URL (which may hold credentials) reaches the state", () => {
    mocks("shop", "dev");
    assert.match(ownerScope(VPC, "net", undefined), /^[0-9a-f]{64}$/);
  });

  describe("the backend, resolved as the CLI does", () => {
    const dir = mkdtempSync(join(tmpdir(), "ctyun-scope-"));
    const home = join(dir, "home");
    const project = join(dir, "project", "src");
    mkdirSync(home, { recursive: true });
    mkdirSync(project, { recursive: true });
    writeFileSync(join(home, "credentials.json"), JSON.stringify({ current: "https://api.pulumi.com" }));

    it("takes PULUMI_BACKEND_URL first", () => {
      assert.equal(currentBackend({ PULUMI_BACKEND_URL: "file:///state", PULUMI_HOME: home }, project), "file:///state");
    });
    it("then the project's backend.url (found above the program directory)", () => {
      writeFileSync(join(dir, "project", "Pulumi.yaml"), "name: shop\nruntime: nodejs\nbackend:\n  url: s3://team-state?region=cn\n");
      assert.equal(currentBackend({ PULUMI_HOME: home }, project), "s3://team-state?region=cn");
      writeFileSync(join(dir, "project", "Pulumi.yaml"), "name: shop\nruntime: nodejs\n");
    });
    it("then the current login of PULUMI_HOME", () => {
      assert.equal(currentBackend({ PULUMI_HOME: home }, project), "https://api.pulumi.com");
      assert.equal(currentBackend({ PULUMI_HOME: join(dir, "nowhere") }, project), "");
    });
  });
});
