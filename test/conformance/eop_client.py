#!/usr/bin/env python3
"""An independent CTyun EOP client, written from the gateway's signing rules with the Python
standard library only. The conformance test runs it against the emulator to prove that a client
which is not ours (no shared code with provider/client) can sign and call it.

Usage: eop_client.py BASE_URL ACCESS_KEY SECRET_KEY REGION_ID
Prints one JSON object per step on stdout.
"""
import base64
import datetime
import hashlib
import hmac
import json
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid


def canonical_query(params):
    """Keys sorted by bytes, values in insertion order, Go QueryEscape encoding (space as '+')."""
    pairs = []
    for key in sorted(params, key=lambda k: k.encode("utf-8")):
        value = params[key]
        pairs.append(urllib.parse.quote_plus(key, safe="") + "=" + urllib.parse.quote_plus(value, safe=""))
    return "&".join(pairs)


def hmac_sha256(key, message):
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).digest()


def sign(ak, sk, query, body):
    request_id = str(uuid.uuid4())
    beijing = datetime.timezone(datetime.timedelta(hours=8))
    eop_date = datetime.datetime.now(beijing).strftime("%Y%m%dT%H%M%SZ")
    body_hash = hashlib.sha256(body).hexdigest()
    to_sign = "ctyun-eop-request-id:%s\neop-date:%s\n\n%s\n%s" % (request_id, eop_date, query, body_hash)
    k_time = hmac_sha256(sk.encode("utf-8"), eop_date)
    k_ak = hmac_sha256(k_time, ak)
    k_date = hmac_sha256(k_ak, eop_date[:8])
    signature = base64.b64encode(hmac_sha256(k_date, to_sign)).decode("ascii")
    return {
        "Ctyun-Eop-Request-Id": request_id,
        "Eop-Date": eop_date,
        "Eop-Authorization": "%s Headers=ctyun-eop-request-id;eop-date Signature=%s" % (ak, signature),
    }


def call(base, ak, sk, method, path, params=None, payload=None):
    query = canonical_query(params or {})
    body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8") if payload is not None else b""
    headers = sign(ak, sk, query, body)
    if payload is not None:
        headers["Content-Type"] = "application/json;charset=UTF-8"
    url = base + path + ("?" + query if query else "")
    request = urllib.request.Request(url, data=body if payload is not None else None, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read().decode("utf-8"))


def main():
    base, ak, sk, region = sys.argv[1:5]
    steps = []

    def record(step, status, envelope):
        steps.append({"step": step, "http": status, "statusCode": envelope.get("statusCode"), "errorCode": envelope.get("errorCode"), "returnObj": envelope.get("returnObj")})
        print(json.dumps(steps[-1], ensure_ascii=False), flush=True)
        return envelope

    created = record("create", *call(base, ak, sk, "POST", "/v4/vpc/create", payload={
        "regionID": region, "clientToken": str(uuid.uuid4()), "name": "python-vpc", "CIDR": "10.77.0.0/16",
        "description": "created by an independent client 测试", "enableIpv6": False,
    }))
    vpc_id = created["returnObj"]["vpcID"]
    record("query", *call(base, ak, sk, "GET", "/v4/vpc/query", params={"regionID": region, "vpcID": vpc_id, "projectID": ""}))
    record("delete", *call(base, ak, sk, "POST", "/v4/vpc/delete", payload={"regionID": region, "vpcID": vpc_id, "clientToken": str(uuid.uuid4())}))
    record("query-after-delete", *call(base, ak, sk, "GET", "/v4/vpc/query", params={"regionID": region, "vpcID": vpc_id}))
    record("bad-signature", *call(base, ak, "x" * 32, "GET", "/v4/vpc/query", params={"regionID": region, "vpcID": vpc_id}))


if __name__ == "__main__":
    main()
