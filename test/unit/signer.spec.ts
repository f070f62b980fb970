import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { canonicalQuery, formatEopDate, parseEopDate, sha256Hex, signRequest, stringToSign } from "../../provider/index";
import { canonicalQueryRfc3986, parseQuery } from "../../provider/client/canonical";

interface Vector {
  name: string;
  inputs: { accessKey: string; secretKey: string; method: string; path: string; query: Array<[string, string]>; body: string; requestId: string; eopDate: string };
  intermediate: { canonicalQuery: string; bodySha256Hex: string; stringToSign: string; signDate: string; url: string };
  expected: { headers: Record<string, string>; signature: string };
  alternativeCanonicalizations: Record<string, { canonicalQuery: string; "Eop-Authorization": string }>;
}

const fixture = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "eop-signing-vectors.json"), "utf8")) as {
  vectors: Vector[];
  crossCheck: { inputs: { accessKey: string; secretKey: string; query: string; body: string; requestId: string; eopDate: string }; expectedAuthorization: string };
};

describe("EOP signer", () => {
  it("has the six shared vectors", () => {
    assert.equal(fixture.vectors.length, 6);
  });

  for (const v of fixture.vectors) {
    describe(`vector ${v.name}`, () => {
      it("builds the canonical query, body hash and string to sign exactly", () => {
        assert.equal(canonicalQuery(v.inputs.query), v.intermediate.canonicalQuery);
        assert.equal(sha256Hex(v.inputs.body), v.intermediate.bodySha256Hex);
        const sts = stringToSign(
          [
            ["ctyun-eop-request-id", v.inputs.requestId],
            ["eop-date", v.inputs.eopDate],
          ],
          v.intermediate.canonicalQuery,
          v.intermediate.bodySha256Hex,
        );
        assert.equal(sts, v.intermediate.stringToSign);
      });

      it("signRequest returns the three expected headers", () => {
        const headers = signRequest({
          accessKey: v.inputs.accessKey,
          secretKey: v.inputs.secretKey,
          query: v.inputs.query,
          body: v.inputs.body,
          requestId: v.inputs.requestId,
          eopDate: v.inputs.eopDate,
        });
        assert.deepEqual(headers, {
          "ctyun-eop-request-id": v.expected.headers["ctyun-eop-request-id"],
          "eop-date": v.expected.headers["eop-date"],
          "eop-authorization": v.expected.headers["Eop-Authorization"],
        });
        assert.ok(headers["eop-authorization"].endsWith(`Signature=${v.expected.signature}`));
      });

      it("builds the URL query byte-identical to the signed one", () => {
        const query = canonicalQuery(v.inputs.query);
        const url = `https://${new URL(v.intermediate.url).host}${v.inputs.path}${query ? `?${query}` : ""}`;
        assert.equal(url, v.intermediate.url);
      });

      const rfc = v.alternativeCanonicalizations["rfc3986ValuesKeysRaw"];
      if (rfc) {
        it("matches the gateway document's RFC 3986 variant", () => {
          assert.equal(canonicalQueryRfc3986(v.inputs.query), rfc.canonicalQuery);
        });
      }
    });
  }

  it("reproduces the independent known answer (ctyun-cli)", () => {
    const c = fixture.crossCheck.inputs;
    const headers = signRequest({
      accessKey: c.accessKey,
      secretKey: c.secretKey,
      query: parseQuery(c.query) ?? [],
      body: c.body,
      requestId: c.requestId,
      eopDate: c.eopDate,
    });
    assert.equal(headers["eop-authorization"], fixture.crossCheck.expectedAuthorization);
  });

  it("formats eop-date as Beijing wall-clock time by default, from an injected clock", () => {
    const instant = new Date(Date.UTC(2024, 0, 2, 7, 30, 45));
    assert.equal(formatEopDate(instant), "20240102T153045Z");
    assert.equal(formatEopDate(instant, 0), "20240102T073045Z");
    const headers = signRequest({ accessKey: "a", secretKey: "s", query: [], body: "", requestId: "r", now: () => instant });
    assert.equal(headers["eop-date"], "20240102T153045Z");
  });

  it("rolls the Beijing date over midnight", () => {
    assert.equal(formatEopDate(new Date(Date.UTC(2024, 11, 31, 16, 0, 1))), "20250101T000001Z");
  });

  it("parses eop-date back to the instant and rejects malformed values", () => {
    assert.equal(parseEopDate("20240102T153045Z")?.toISOString(), "2024-01-02T07:30:45.000Z");
    assert.equal(parseEopDate("20240230T000000Z"), undefined);
    assert.equal(parseEopDate("2024-01-02T15:30:45Z"), undefined);
  });

  it("escapes like Go url.QueryEscape (space +, upper-case hex, unreserved kept)", () => {
    assert.equal(canonicalQuery([["k", "a b/c*~_-.+"]]), "k=a+b%2Fc%2A~_-.%2B");
    assert.equal(canonicalQuery([["b", "2"], ["a", "1"], ["a", "0"], ["B", "x"]]), "B=x&a=1&a=0&b=2");
    assert.equal(canonicalQuery([["projectID", ""]]), "projectID=");
    assert.equal(canonicalQuery([]), "");
  });
});
