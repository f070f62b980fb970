#!/usr/bin/env python3
"""Regenerates the per-operation reference sections of emulator/api-notes/<service>.md from CTyun's
official clients, read where they are installed or fetched (nothing of theirs is stored here):

  - the Python SDK v2 packages (request/response models; test/conformance/python/sdk_models.py),
  - the Go SDK modules in the Go module cache (request/response structs, json tags, AddParam/WriteJson),
  - the Terraform provider's generated ZOS structs (internal/core/ctzos), for the operations no SDK has.

Only the text between `<!-- generated:start -->` and `<!-- generated:end -->` is replaced; everything
else in a notes file (error codes, inferences, list guidance) is written by hand.

Usage: generate.py ROUTES_JSON GO_MODULE_DIR... [--tf TERRAFORM_MIRROR_GIT_DIR]
  ROUTES_JSON: [{"method","path","operation"}] (the emulator's GET /_emulator/routes)
"""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "test", "conformance", "python"))
import sdk_models  # noqa: E402

NOTES = os.path.join(REPO, "emulator", "api-notes")
START, END = "<!-- generated:start -->", "<!-- generated:end -->"

# Which notes file documents which emulated path.
SERVICE_OF = [
    ("/v4/ecs/keypair/", "keypair"),
    ("/v4/ecs/vpc/create-security-group", "security-group"),
    ("/v4/ecs/vpc/delete-security-group", "security-group"),
    ("/v4/ecs/vpc/describe-security-group", "security-group"),
    ("/v4/ecs/vpc/query-security-groups", "security-group"),
    ("/v4/vpc/create-security-group", "security-group"),
    ("/v4/vpc/modify-security-group", "security-group"),
    ("/v4/vpc/delete-security-group", "security-group"),
    ("/v4/vpc/describe-security-group", "security-group"),
    ("/v4/vpc/new-query-security-groups", "security-group"),
    ("/v4/vpc/revoke-security-group", "security-group"),
    ("/v4/ecs/order/", "async"),
    ("/v4/order/", "async"),
    ("/v4/job/", "async"),
    ("/v4/region/", "catalog"),
    ("/v4/image/", "catalog"),
    ("/v4/ecs/flavor/", "catalog"),
    ("/v4/eip/", "eip"),
    ("/v4/ebs/", "ebs"),
    ("/v4/oss/", "zos"),
    ("/v4/vpc/", "vpc"),
    ("/v4/ecs/", "ecs"),
]


def service_of(path):
    for prefix, service in SERVICE_OF:
        if path.startswith(prefix):
            return service
    raise SystemExit("no notes file for " + path)


# ---------------------------------------------------------------------------------------------
# Go structs (json tags) from the SDK modules and the Terraform provider

GO_SCALARS = {"string": "string", "bool": "boolean", "int": "integer", "int32": "integer", "int64": "integer", "uint": "integer",
              "float32": "number", "float64": "number", "interface{}": "any", "any": "any"}
STRUCT = re.compile(r"^type (\w+) struct \{\n(.*?)^\}", re.S | re.M)
FIELD = re.compile(r"^\s+(\w+)\s+([^\s`]+)\s+`json:\"([^\",]*)(,omitempty)?\"`", re.M)


def go_structs(source):
    return {name: FIELD.findall(body) for name, body in STRUCT.findall(source)}


def go_type(text, structs, seen=()):
    text = text.lstrip("*")
    if text.startswith("[]"):
        return {"array": go_type(text[2:], structs, seen)}
    if text.startswith("map["):
        return {"map": "any"}
    if text in GO_SCALARS:
        return GO_SCALARS[text]
    if text in structs and text not in seen:
        return {"object": {json_name: {"type": go_type(t, structs, seen + (text,)), "required": not omit, "doc": ""}
                           for _, t, json_name, omit in structs[text] if json_name not in ("", "-")}}
    return "any"


def go_operation(path, source, file_label):
    """Method, location and request/response trees of one Go API file."""
    method = re.search(r"Method:\s+http\.Method(\w+)", source)
    structs = go_structs(source)
    names = list(structs)
    request = next((n for n in names if n.endswith("RealRequest") and not re.search(r"(List|Rules|Info|Labels)RealRequest$", n)), None) \
        or next((n for n in names if n.endswith("Request") and "Api" not in n and not re.search(r"[A-Z][a-z]+Request$", n[:-7] + "X")), None)
    response = next((n for n in names if n.endswith("RealResponse") and not re.search(r"(List|Info|Results|Response)RealResponse$", n[:-12] + "X")), None)
    if response is None:
        response = next((n for n in names if n.endswith("ReturnObjResponse")), None)
    location = "query" if "AddParam(" in source else "body"
    if method and method.group(1).upper() == "GET" and "WriteJson(" in source:
        location = "JSON body (on a GET)"
    req = go_type(request, structs) if request else {"object": {}}
    resp = go_type(response, structs) if response else "any"
    if location == "query":
        params = re.findall(r"AddParam\(\"(\w+)\"", source)
        req = {"object": {p: {"type": "string", "required": False, "doc": ""} for p in params}}
    return {"method": (method.group(1).upper() if method else "?"), "location": location, "request": req.get("object", {}) if isinstance(req, dict) else {},
            "returnObj": resp, "file": file_label}


def go_sources(module_dirs):
    found = {}
    for base in module_dirs:
        for root, _, files in os.walk(base):
            for name in sorted(files):
                if not name.endswith(".go") or name.endswith("_test.go"):
                    continue
                path = os.path.join(root, name)
                text = open(path, encoding="utf-8").read()
                match = re.search(r"UrlPath:\s+\"([^\"]+)\"", text)
                if match:
                    label = "Go " + os.path.basename(root).split("@")[0] + " " + name
                    found.setdefault(match.group(1), []).append(go_operation(match.group(1), text, label))
    return found


def tf_sources(git_dir):
    if not git_dir:
        return {}
    listing = subprocess.run(["git", "-C", git_dir, "ls-tree", "-r", "--name-only", "HEAD", "internal/core/ctzos"], capture_output=True, text=True, check=True).stdout.split()
    found = {}
    for file in listing:
        if file.endswith("_test.go") or not file.endswith("_api.go"):
            continue
        text = subprocess.run(["git", "-C", git_dir, "show", "HEAD:" + file], capture_output=True, text=True, check=True).stdout
        match = re.search(r"UrlPath:\s+\"([^\"]+)\"", text)
        if not match:
            continue
        structs = go_structs(text)
        base = os.path.basename(file)[:-len("_api.go")]
        camel = "".join(part.capitalize() for part in base.split("_"))
        request = go_type(camel + "Request", structs)
        response = go_type(camel + "ReturnObjResponse", structs)
        method = re.search(r"Method:\s+http\.Method(\w+)", text)
        location = "query" if "AddParam(" in text or (method and method.group(1).upper() == "GET") else "body"
        params = re.findall(r"AddParam\(\"(\w+)\"", text)
        req_fields = request.get("object", {}) if isinstance(request, dict) else {}
        if location == "query" and params:
            req_fields = {p: req_fields.get(p, {"type": "string", "required": False, "doc": ""}) for p in params}
        found.setdefault(match.group(1), []).append({"method": method.group(1).upper() if method else "?", "location": location,
                                                     "request": req_fields, "returnObj": response, "file": "TF " + file})
    return found


# ---------------------------------------------------------------------------------------------
# Rendering

def type_name(tree):
    if isinstance(tree, str):
        return tree
    if "array" in tree:
        return "array of " + type_name(tree["array"])
    if "map" in tree:
        return "object (map)"
    return "object"


def flatten(tree, prefix=""):
    """(dotted name, JSON type) rows of a returnObj tree; arrays of objects as `name[].field`."""
    rows = []
    if isinstance(tree, dict) and "object" in tree:
        for name, field in tree["object"].items():
            full = prefix + name
            rows.append((full, type_name(field["type"])))
            inner = field["type"]
            if isinstance(inner, dict) and "array" in inner and isinstance(inner["array"], dict) and "object" in inner["array"]:
                rows += flatten(inner["array"], full + "[].")
            elif isinstance(inner, dict) and "object" in inner:
                rows += flatten(inner, full + ".")
    elif isinstance(tree, dict) and "array" in tree:
        rows.append((prefix + "[]" if prefix else "(array)", type_name(tree)))
        rows += flatten(tree["array"], (prefix or "") + "[].")
    return rows


def merge_rows(sources, key):
    """name → {type per source label}."""
    table = {}
    for source in sources:
        rows = flatten({"object": source["request"]}) if key == "request" else flatten(source["returnObj"])
        required = source["request"] if key == "request" else {}
        for name, json_type in rows:
            entry = table.setdefault(name, {})
            top = name.split(".")[0].split("[")[0]
            flag = " (required)" if key == "request" and source["label"].startswith("py") and "." not in name and "[" not in name and required.get(top, {}).get("required") else ""
            entry[source["label"]] = json_type + flag
    return table


def render_operation(route, sources):
    lines = ["### `%s %s` — %s" % (route["method"], route["path"], route["operation"]), ""]
    if not sources:
        lines += ["No official client has this operation: the emulator's shape is inferred (see above).", ""]
        return lines
    for source in sources:
        lines.append("- %s: %s, parameters in the %s." % (source["label"], source["method"], source["location"]))
    lines.append("")
    labels = [s["label"] for s in sources]
    for key, title in (("request", "Request fields"), ("returnObj", "`returnObj` fields")):
        table = merge_rows(sources, key)
        if not table:
            lines += ["%s: none declared." % title, ""]
            continue
        lines.append("%s (JSON type per source; a dash: not declared there):" % title)
        lines.append("")
        lines.append("| Field | " + " | ".join(labels) + " |")
        lines.append("|---|" + "---|" * len(labels))
        for name, per in table.items():
            lines.append("| `%s` | %s |" % (name, " | ".join(per.get(label, "—") for label in labels)))
        lines.append("")
    return lines


def main():
    args = sys.argv[1:]
    tf = None
    if "--tf" in args:
        tf = args[args.index("--tf") + 1]
        args = args[:args.index("--tf")] + args[args.index("--tf") + 2:]
    routes = json.load(open(args[0]))
    go = go_sources(args[1:])
    zos = tf_sources(tf)
    python = {}
    for package in sdk_models.DEFAULT_PACKAGES:
        for op in sdk_models.describe(package):
            python.setdefault(op["path"], op)
    sections = {}
    for route in routes:
        sources = []
        py = python.get(route["path"])
        if py:
            sources.append({"label": "py " + py["module"].replace(".models.", "/models/").replace(".", "/") + ".py", "method": py["method"], "location": py["location"],
                            "request": py["request"], "returnObj": py["returnObj"]})
        for op in go.get(route["path"], []):
            sources.append({"label": op["file"], **op})
        for op in zos.get(route["path"], []):
            sources.append({"label": op["file"], **op})
        sections.setdefault(service_of(route["path"]), []).extend(render_operation(route, sources))
    for service, lines in sections.items():
        path = os.path.join(NOTES, service + ".md")
        text = open(path, encoding="utf-8").read()
        if START not in text or END not in text:
            raise SystemExit(path + " lacks the generated markers")
        body = "\n".join(["", "## Operations (generated from the official clients by tools/api-notes/generate.py)", ""] + lines)
        text = text[: text.index(START) + len(START)] + body + "\n" + text[text.index(END):]
        open(path, "w", encoding="utf-8").write(text)


if __name__ == "__main__":
    main()
