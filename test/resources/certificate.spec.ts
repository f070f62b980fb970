/** Certificate through its serialized provider against the emulator: the contract, PEM checks, the secret key. */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describeResourceContract } from "../helpers/resource-contract";
import { useProviderTestbed } from "../helpers/providers";
import { REGION_HUABEI2 } from "../helpers/emulator";
import { TEST_CA_CERTIFICATE, TEST_OTHER_KEY, TEST_SERVER_CERTIFICATE, TEST_SERVER_CERTIFICATE_2, TEST_SERVER_KEY } from "../fixtures/elb-certificates";

type Props = Record<string, any>;

describeResourceContract({
  kind: "Certificate",
  idOutput: "certificateId",
  recordKind: "elbCertificate",
  createOperation: "CreateCertificate",
  createPath: "/v4/elb/create-certificate",
  inputs: async () => ({ certificate: TEST_SERVER_CERTIFICATE, privateKey: TEST_SERVER_KEY }),
  updates: [{ name: "renamed-cert" }, { description: "www" }],
  replacements: [{ certificate: TEST_SERVER_CERTIFICATE_2 }, { type: "ca", certificate: TEST_CA_CERTIFICATE, privateKey: undefined }, { regionId: REGION_HUABEI2 }],
  drift: { patch: { name: "renamed-by-hand" }, inputs: { name: "renamed-by-hand" } },
});

/** The create journal the runtime under test writes (the compiled module the serialized providers use). */
function journalText(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dir = (require(join(__dirname, "..", "..", "dist", "provider", "lifecycle", "journal")) as { journalDirectory(): string }).journalDirectory();
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), "utf8"))
    .join("\n");
}

describe("Certificate: specifics", () => {
  const bed = useProviderTestbed();
  const keyBody = TEST_SERVER_KEY.split("\n")[1] as string;

  it("checks the PEM and that the key belongs to the certificate, naming no key material", async () => {
    const provider = await bed.provider("Certificate");
    const cases: Array<[Props, Array<{ property: string; reason: string }>]> = [
      [{ certificate: TEST_SERVER_CERTIFICATE }, [{ property: "", reason: "privateKey: is required for a server certificate (the value is secret and not shown)" }]],
      [{ certificate: TEST_SERVER_CERTIFICATE, privateKey: TEST_OTHER_KEY }, [{ property: "", reason: "privateKey: does not belong to the certificate (its public key differs) (the value is secret and not shown)" }]],
      [{ certificate: TEST_SERVER_CERTIFICATE, privateKey: "not a key" }, [{ property: "", reason: "privateKey: must be an unencrypted PEM private key (a BEGIN PRIVATE KEY block) (the value is secret and not shown)" }]],
      [{ certificate: "-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----", privateKey: TEST_SERVER_KEY }, [{ property: "certificate", reason: "must be a PEM X.509 certificate (-----BEGIN CERTIFICATE----- …)" }]],
      [{ type: "ca", certificate: TEST_CA_CERTIFICATE, privateKey: TEST_SERVER_KEY }, [{ property: "", reason: 'privateKey: applies only to server certificates; a "ca" certificate has none (the value is secret and not shown)' }]],
    ];
    for (const [inputs, failures] of cases) {
      const result = await provider.check({}, { pulumiName: "cert", ...inputs });
      assert.deepEqual(result.failures, failures, JSON.stringify(Object.keys(inputs)));
      assert.equal(JSON.stringify(result.failures).includes(keyBody), false);
    }
    assert.equal((await provider.check({}, { pulumiName: "ca", type: "ca", certificate: TEST_CA_CERTIFICATE })).failures.length, 0);
  });

  it("keeps the private key out of the create journal and never reads it back from the cloud", async () => {
    const provider = await bed.provider("Certificate");
    // The answer is lost: the journal entry stays, as after a crash.
    await bed.emu.control.addFault({ path: "/v4/elb/create-certificate", kind: "commit-then-drop", times: 100 });
    const first = await provider.check({}, { pulumiName: "www", certificate: TEST_SERVER_CERTIFICATE, privateKey: TEST_SERVER_KEY });
    await assert.rejects(provider.create({ ...first.inputs, __provider: provider.text }), (error: Error) => !error.message.includes(keyBody));
    const journal = journalText();
    assert.ok(journal.includes("BEGIN CERTIFICATE"), "the journal entry (with the public certificate) was found");
    assert.equal(journal.includes(keyBody), false, "the private key is not in the journal");
    await bed.emu.control.clearFaults();
    const { id, outs } = await provider.create({ ...first.inputs, __provider: provider.text });
    assert.deepEqual([outs["subject"], outs["expireTime"]], ["CN=www.example.test", "2126-11-10T16:16:47Z"]);
    // Someone changes the key in the cloud's record: read never reports it (the program's value stays).
    await bed.emu.control.patchResource("elbCertificate", id, { privateKey: TEST_OTHER_KEY });
    const read = await provider.read(id, outs);
    assert.equal(read.inputs?.["privateKey"], TEST_SERVER_KEY);
    assert.equal(read.props?.["privateKey"], TEST_SERVER_KEY);
    assert.equal(((await bed.emu.control.state()).resources["elbCertificate"] ?? []).length, 1, "one certificate despite the lost answers");
  });
});
