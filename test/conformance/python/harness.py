"""Drives CTyun's official Python SDK v2 clients against the emulator and judges each call.

A call passes when the envelope is the expected one (800, or 900 with one of the expected error codes)
and, on 800, the raw `returnObj` matches what the SDK's response model declares: every declared field is
present, and every non-null value has the declared JSON type. The raw body is read from the SDK's own
console output ("Response Body: ..."), which it prints for every call; nothing in the SDK is patched.
"""
import contextlib
import io
import json
import sys
import time
import traceback

import sdk_models


MISSING = ": declared, not answered"


def json_type(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def shape_problems(value, declared, where):
    """Differences between a JSON value and a declared type tree (see sdk_models.type_tree)."""
    if value is None or declared == "any":
        return []
    actual = json_type(value)
    if isinstance(declared, str):
        if declared == actual or (declared == "number" and actual == "integer"):
            return []
        return ["%s: declared %s, answered %s %s" % (where, declared, actual, json.dumps(value, ensure_ascii=False)[:60])]
    if "array" in declared:
        if actual != "array":
            return ["%s: declared array, answered %s" % (where, actual)]
        problems = []
        for index, item in enumerate(value[:3]):
            problems += shape_problems(item, declared["array"], "%s[%d]" % (where, index))
        return problems
    if "map" in declared:
        return [] if actual == "object" else ["%s: declared object, answered %s" % (where, actual)]
    if actual != "object":
        return ["%s: declared object, answered %s" % (where, actual)]
    problems = []
    for name, field in declared["object"].items():
        if name not in value:
            problems.append("%s.%s%s" % (where, name, MISSING))
        else:
            problems += shape_problems(value[name], field["type"], "%s.%s" % (where, name))
    return problems


class Conformance:
    """One scenario run: calls through an SDK client and records one result line per call."""

    def __init__(self, out, client_label="python-sdk"):
        self.out = out
        self.client_label = client_label
        self.scenario = ""
        self.models = {}
        self.failed = 0

    def model(self, package, function):
        if package not in self.models:
            self.models[package] = {op["function"]: op for op in sdk_models.describe(package)}
        return self.models[package][function]

    def call(self, client, function, request, expect=None, note=""):
        """Calls `client.<function>(request)`; `expect` None = success, else a collection of error codes.
        Returns the raw returnObj (a dict/list) on success, the raw envelope on an expected failure."""
        package = type(client).__module__.split(".")[0]
        op = self.model(package, function)
        captured = io.StringIO()
        problems = []
        envelope = None
        try:
            with contextlib.redirect_stdout(captured):
                response = getattr(client, function)(request)
            envelope = raw_body(captured.getvalue())
            if envelope is None:
                problems.append("no response body printed by the SDK")
            elif expect is None:
                if response.statusCode != 800:
                    problems.append("expected 800, got %s %s: %s" % (response.statusCode, response.errorCode, response.message))
                else:
                    problems += shape_problems(envelope.get("returnObj"), op["returnObj"], "returnObj")
            else:
                if response.statusCode != 900 or response.errorCode not in expect:
                    problems.append("expected 900 with one of %s, got %s %s: %s" % (sorted(expect), response.statusCode, response.errorCode, response.message))
        except Exception as error:  # the SDK wraps transport and parse errors in CtyunRequestException
            problems.append("raised %s: %s" % (type(error).__name__, str(error)[:300]))
        self.record(op, problems, note)
        # A declared field we do not answer fails the call but need not end the scenario.
        if any(not problem.endswith(MISSING) for problem in problems):
            raise StepFailed(function, problems)
        if envelope is None:
            return None
        return envelope.get("returnObj") if expect is None else envelope

    def call_api(self, client, api, request, expect=None, note="", tolerated=None):
        """Like `call`, for packages laid out as one `…Api` class per operation (the ELB package):
        `api.do(credential, client, endpoint, request)`. Its client prints the body of POSTs only, so
        the raw envelope is the printed body when there is one, else the response's own attributes
        (its `from_json` keeps `returnObj` as the raw JSON). `tolerated` maps a returnObj path (as the
        problems name it) to the official source that answers another shape there."""
        package = api.__module__.split(".")[0]
        op = self.model(package, api.__name__)
        captured = io.StringIO()
        problems = []
        envelope = None
        try:
            with contextlib.redirect_stdout(captured):
                response = api.do(client.credential, client.http, client.endpoint, request)
            envelope = raw_body(captured.getvalue())
            if envelope is None and response is not None:
                envelope = {key: getattr(response, key, None) for key in ("statusCode", "errorCode", "message", "description", "returnObj")}
            if envelope is None:
                problems.append("no response")
            elif expect is None:
                if envelope.get("statusCode") != 800:
                    problems.append("expected 800, got %s %s: %s" % (envelope.get("statusCode"), envelope.get("errorCode"), envelope.get("message")))
                else:
                    declared = with_answered_case(op["returnObj"])
                    problems += [p for p in shape_problems(envelope.get("returnObj"), declared, "returnObj") if not any(p.startswith(path) for path in (tolerated or {}))]
            elif envelope.get("statusCode") != 900 or envelope.get("errorCode") not in expect:
                problems.append("expected 900 with one of %s, got %s %s: %s" % (sorted(expect), envelope.get("statusCode"), envelope.get("errorCode"), envelope.get("message")))
        except Exception as error:
            problems.append("raised %s: %s" % (type(error).__name__, str(error)[:300]))
        self.record(op, problems, note)
        if any(not problem.endswith(MISSING) for problem in problems):
            raise StepFailed(api.__name__, problems)
        if envelope is None:
            return None
        return envelope.get("returnObj") if expect is None else envelope

    def record(self, op, problems, note):
        line = {
            "client": self.client_label,
            "package": op["package"],
            "function": op["function"],
            "method": op["method"],
            "path": op["path"],
            "scenario": self.scenario,
            "note": note,
            "ok": not problems,
            "problems": problems,
        }
        if problems:
            self.failed += 1
        self.out.write(json.dumps(line, ensure_ascii=False) + "\n")
        self.out.flush()

    def run(self, name, scenario, *args):
        """Runs one scenario; a failing step ends that scenario (later scenarios still run)."""
        self.scenario = name
        try:
            scenario(self, *args)
        except StepFailed:
            pass
        except Exception:
            self.failed += 1
            self.out.write(json.dumps({"client": self.client_label, "scenario": name, "ok": False, "problems": [traceback.format_exc()[-800:]]}) + "\n")


def with_answered_case(declared):
    """The ELB package's generator spells the `ID` field `iD` (TF's generated structs and the API
    docs: `ID`); the declared tree with that one name as the API answers it."""
    if isinstance(declared, dict) and "array" in declared:
        return {"array": with_answered_case(declared["array"])}
    if isinstance(declared, dict) and "object" in declared:
        return {"object": {("ID" if name == "iD" else name): {**field, "type": with_answered_case(field["type"])} for name, field in declared["object"].items()}}
    return declared


class StepFailed(Exception):
    def __init__(self, function, problems):
        super().__init__("%s: %s" % (function, "; ".join(problems)))


def raw_body(console):
    """The last 'Response Body: ' line the SDK printed, parsed."""
    body = None
    for line in console.splitlines():
        if line.startswith("Response Body: "):
            body = line[len("Response Body: "):]
    if body is None:
        return None
    try:
        return json.loads(body)
    except ValueError:
        return {"unparsable": body}


def wait_until(predicate, what, timeout=20.0):
    """Polls `predicate` (which makes SDK calls) until it returns a truthy value."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise StepFailed("wait", ["timed out waiting for " + what])
        time.sleep(0.05)
