/**
 * The classes whose specs declare secret inputs wrap them in pulumi.secret before registering, so the
 * engine stores them encrypted even when the program passes a plain string (the engine's own
 * checkpoint is checked in test/e2e/load-balancer.spec.ts and examples.spec.ts).
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { Certificate } from "../../provider/resources/certificate";
import { Instance } from "../../provider/resources/instance";
import { certificateSpec } from "../../provider/specs/certificate";
import { instanceSpec } from "../../provider/specs/instance";

/** The SDK's marker of a secret value in serialized inputs. */
const SECRET_SIG = { key: "4dabf18193072939515e22adb298388d", value: "1b47061264138c4ac30d75fd1eb44270" };

type Registered = { type: string; name: string; inputs: Record<string, unknown> };

function recordRegistrations(): Registered[] {
  const registered: Registered[] = [];
  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: () => ({}),
    },
    "project",
    "stack",
  );
  return registered;
}

const valueOf = <T>(output: pulumi.Output<T>): Promise<T> => new Promise((resolve) => output.apply(resolve));

describe("secret inputs of the resource classes", () => {
  after(() => pulumi.runtime.setMocks({ newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }), call: () => ({}) }, "project", "stack"));

  it("Certificate: a plain privateKey is registered as a secret and its output is secret", async () => {
    assert.deepEqual(certificateSpec.secretInputs, ["privateKey"]);
    const registered = recordRegistrations();
    const cert = new Certificate("tls", { certificate: "-----BEGIN CERTIFICATE-----", privateKey: "plain-key-text", regionId: "r" });
    assert.equal(await pulumi.isSecret(cert.privateKey), true);
    assert.equal(await valueOf(cert.privateKey), "plain-key-text");
    await valueOf(cert.urn);
    const inputs = registered.find((r) => r.name === "tls")?.inputs;
    assert.deepEqual(inputs?.["privateKey"], { [SECRET_SIG.key]: SECRET_SIG.value, value: "plain-key-text" }, "sent to the engine as a secret");
    assert.equal(inputs?.["certificate"], "-----BEGIN CERTIFICATE-----", "the certificate itself is public");
  });

  it("Certificate: a CA certificate without a key registers no privateKey at all", async () => {
    const registered = recordRegistrations();
    const ca = new Certificate("ca", { type: "ca", certificate: "-----BEGIN CERTIFICATE-----", regionId: "r" });
    await valueOf(ca.urn);
    assert.equal("privateKey" in (registered.find((r) => r.name === "ca")?.inputs ?? {}), false);
  });

  it("Instance: a plain password is registered as a secret", async () => {
    assert.deepEqual(instanceSpec.secretInputs, ["password"]);
    const registered = recordRegistrations();
    const vm = new Instance("vm", { instanceName: "vm", securityGroupIds: ["sg"], flavorId: "f", imageId: "i", vpcId: "v", subnetId: "s", password: "Plain#Pass-123", regionId: "r", azName: "az" });
    await valueOf(vm.urn);
    assert.deepEqual(registered.find((r) => r.name === "vm")?.inputs["password"], { [SECRET_SIG.key]: SECRET_SIG.value, value: "Plain#Pass-123" });
  });
});
