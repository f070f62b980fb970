"""Drives the emulator's ZOS S3 data plane with boto3, unmodified, the way a Python user would: the
endpoint and keys come from the control plane's answers (passed in), path-style addressing, SigV4.
Prints one JSON line per check: {"check": name, "ok": bool, "detail": str}.

Usage: boto3_scenarios.py ENDPOINT ACCESS_KEY SECRET_KEY BUCKET
"""
import hashlib
import io
import json
import os
import sys
import urllib.error
import urllib.request

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT, ACCESS_KEY, SECRET_KEY, BUCKET = sys.argv[1:5]

s3 = boto3.client(
    "s3",
    endpoint_url=ENDPOINT,
    aws_access_key_id=ACCESS_KEY,
    aws_secret_access_key=SECRET_KEY,
    region_name="us-east-1",
    config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}, signature_version="s3v4"),
)


def report(name, ok, detail=""):
    print(json.dumps({"check": name, "ok": bool(ok), "detail": str(detail)[:300]}), flush=True)


def check(name):
    def wrap(fn):
        try:
            fn()
            report(name, True)
        except Exception as error:  # every failure is a finding, reported with its text
            report(name, False, "%s: %s" % (type(error).__name__, error))
        return fn
    return wrap


def error_code(fn):
    try:
        fn()
    except ClientError as error:
        return error.response["Error"]["Code"], error.response["ResponseMetadata"]["HTTPStatusCode"]
    raise AssertionError("expected a refusal")


@check("put and get 0 B and 1 KiB objects with metadata and content type")
def _():
    kib = os.urandom(1024)
    s3.put_object(Bucket=BUCKET, Key="empty", Body=b"")
    s3.put_object(Bucket=BUCKET, Key="kib.bin", Body=kib, ContentType="application/octet-stream", Metadata={"team": "data"})
    assert s3.get_object(Bucket=BUCKET, Key="empty")["Body"].read() == b""
    got = s3.get_object(Bucket=BUCKET, Key="kib.bin")
    assert got["Body"].read() == kib
    assert got["Metadata"] == {"team": "data"}, got["Metadata"]
    assert got["ETag"] == '"%s"' % hashlib.md5(kib).hexdigest()


@check("ranged get answers 206 with the bytes asked for")
def _():
    s3.put_object(Bucket=BUCKET, Key="digits", Body=b"0123456789")
    got = s3.get_object(Bucket=BUCKET, Key="digits", Range="bytes=2-5")
    assert got["ResponseMetadata"]["HTTPStatusCode"] == 206
    assert got["Body"].read() == b"2345"


@check("upload_fileobj of 20 MiB goes up in parts (s3transfer) and reads back intact")
def _():
    data = os.urandom(20 * 1024 * 1024)
    config = TransferConfig(multipart_threshold=8 * 1024 * 1024, multipart_chunksize=8 * 1024 * 1024, use_threads=False)
    s3.upload_fileobj(io.BytesIO(data), BUCKET, "big.bin", Config=config)
    head = s3.head_object(Bucket=BUCKET, Key="big.bin")
    assert head["ContentLength"] == len(data)
    assert head["ETag"].strip('"').endswith("-3"), head["ETag"]
    out = io.BytesIO()
    s3.download_fileobj(BUCKET, "big.bin", out, Config=config)
    assert hashlib.md5(out.getvalue()).hexdigest() == hashlib.md5(data).hexdigest()


@check("list_objects_v2 pages 1,050 keys with continuation tokens, prefix and delimiter")
def _():
    for i in range(1050):
        s3.put_object(Bucket=BUCKET, Key="many/%04d" % i, Body=b"x")
    keys = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix="many/"):
        keys += [o["Key"] for o in page.get("Contents", [])]
    assert keys == ["many/%04d" % i for i in range(1050)], len(keys)
    top = s3.list_objects_v2(Bucket=BUCKET, Delimiter="/")
    assert [p["Prefix"] for p in top.get("CommonPrefixes", [])] == ["many/"], top.get("CommonPrefixes")


@check("copy, tags and delete_objects")
def _():
    s3.copy_object(Bucket=BUCKET, Key="copy.bin", CopySource={"Bucket": BUCKET, "Key": "kib.bin"})
    assert s3.head_object(Bucket=BUCKET, Key="copy.bin")["ContentLength"] == 1024
    s3.put_object_tagging(Bucket=BUCKET, Key="copy.bin", Tagging={"TagSet": [{"Key": "k", "Value": "v"}]})
    assert s3.get_object_tagging(Bucket=BUCKET, Key="copy.bin")["TagSet"] == [{"Key": "k", "Value": "v"}]
    deleted = s3.delete_objects(Bucket=BUCKET, Delete={"Objects": [{"Key": "copy.bin"}, {"Key": "never-there"}]})
    assert sorted(d["Key"] for d in deleted["Deleted"]) == ["copy.bin", "never-there"]
    assert error_code(lambda: s3.head_object(Bucket=BUCKET, Key="copy.bin"))[1] == 404


@check("conditional writes: If-None-Match * refuses an existing key with 412")
def _():
    s3.put_object(Bucket=BUCKET, Key="lock", Body=b"1", IfNoneMatch="*")
    assert error_code(lambda: s3.put_object(Bucket=BUCKET, Key="lock", Body=b"2", IfNoneMatch="*")) == ("PreconditionFailed", 412)


@check("presigned GET URL serves the object; a wrong key is refused with SignatureDoesNotMatch")
def _():
    url = s3.generate_presigned_url("get_object", Params={"Bucket": BUCKET, "Key": "digits"}, ExpiresIn=300)
    with urllib.request.urlopen(url) as answer:
        assert answer.read() == b"0123456789"
    wrong = boto3.client(
        "s3", endpoint_url=ENDPOINT, aws_access_key_id=ACCESS_KEY, aws_secret_access_key="X" * 40, region_name="us-east-1",
        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}, signature_version="s3v4"),
    )
    assert error_code(lambda: wrong.get_object(Bucket=BUCKET, Key="digits")) == ("SignatureDoesNotMatch", 403)
