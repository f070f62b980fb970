#!/usr/bin/env python3
"""Describes the operations of CTyun's official Python SDK v2 packages as JSON, read from the installed
packages at run time (nothing of theirs is stored in this repository).

For every client method: the service package, HTTP method, path, where the parameters go (`query` for
the SDK's `params=`, `body` for `body=`), and the request and response models as type trees:
  "string" | "integer" | "number" | "boolean" | "any" | {"array": T} | {"map": T}
  | {"object": {name: {"type": T, "required": bool, "doc": comment text}}}

The ELB package (ctyunsdk-elb20220909 1.0.0) has another layout: one module per operation under
`apis/`, a class `Ctelb…Api` whose static `do(credential, client, endpoint, request)` builds the URL and
calls `client.get(params=…)` or `client.post(data=…)`, and request dataclasses without defaults whose
optional fields are annotated `Optional[…]` (or `Any`). Its operations are described the same way, the
`function` being the Api class name.

Usage: sdk_models.py [PACKAGE ...]   (default: the packages the conformance suite installs)
"""
import dataclasses
import importlib
import inspect
import json
import re
import sys
import typing

DEFAULT_PACKAGES = [
    "ctyunsdk_vpc20220909",
    "ctyunsdk_ecs20220909",
    "ctyunsdk_ebs20220909",
    "ctyunsdk_eip20220909",
    "ctyunsdk_image20220909",
    "ctyunsdk_elb20220909",
    "ctyunsdk_scaling20220909",
]

# Packages laid out as apis/<one module per operation> (see the header).
API_MODULE_PACKAGES = {"ctyunsdk_elb20220909"}

# One client method: signature, then the URL, the HTTP method and whether it passes params= or body=.
METHOD_PATTERN = re.compile(
    r"def (\w+)\(self, request: (\w+)\) -> (\w+):.*?"
    r"url = f\"\{self\.endpoint\}([^\"]+)\"\s+method = '(\w+)'.*?(params=params|body=body)",
    re.S,
)


def type_tree(tp, module, seen):
    """JSON-type tree of a Python annotation from an SDK model."""
    if isinstance(tp, str):
        tp = getattr(module, tp)
    if isinstance(tp, typing.ForwardRef):
        tp = getattr(module, tp.__forward_arg__)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Union:
        rest = [a for a in args if a is not type(None)]
        return type_tree(rest[0], module, seen) if len(rest) == 1 else "any"
    if origin in (list, typing.List):
        return {"array": type_tree(args[0], module, seen) if args else "any"}
    if origin in (dict, typing.Dict):
        return {"map": type_tree(args[1], module, seen) if len(args) == 2 else "any"}
    if tp is str:
        return "string"
    if tp is bool:
        return "boolean"
    if tp is int:
        return "integer"
    if tp is float:
        return "number"
    if dataclasses.is_dataclass(tp):
        if tp in seen:
            return "any"
        return {"object": fields_of(tp, module, seen | {tp})}
    return "any"


FIELD_COMMENT = re.compile(r"^\s+(\w+):[^#\n]*#\s?(.*)$", re.M)


def field_comments(cls):
    """The text after `#` on each field line of a model class (used only for enum spellings)."""
    try:
        return dict(FIELD_COMMENT.findall(inspect.getsource(cls)))
    except (OSError, TypeError):
        return {}


def fields_of(cls, module, seen=frozenset()):
    out = {}
    comments = field_comments(cls)
    for field in dataclasses.fields(cls):
        if field.name.startswith("_"):
            continue
        required = field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
        out[field.name] = {"type": type_tree(field.type, module, seen), "required": required, "doc": comments.get(field.name, "")}
    return out


ENVELOPE_FIELDS = {"statusCode", "errorCode", "error", "message", "description", "traceId"}


def optional_annotation(tp):
    """True for Optional[...] and Any: fields a request may leave out (the SDK drops None values)."""
    if tp is typing.Any:
        return True
    return typing.get_origin(tp) is typing.Union and type(None) in typing.get_args(tp)


def requiredness_by_annotation(tree, tp):
    """Rewrites `required` in a type tree of `tp` (see type_tree) by annotation: neither Optional nor Any."""
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if typing.get_origin(tp) is typing.Union and len(args) == 1:
        tp = args[0]
    if isinstance(tree, dict) and "array" in tree and typing.get_args(tp):
        requiredness_by_annotation(tree["array"], typing.get_args(tp)[0])
    elif isinstance(tree, dict) and "object" in tree and dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        for name, field in tree["object"].items():
            field["required"] = not optional_annotation(hints.get(name, typing.Any))
            requiredness_by_annotation(field["type"], hints.get(name, typing.Any))


def fields_by_annotation(cls, module):
    """fields_of for dataclasses without defaults: required = neither Optional nor Any, nested too."""
    tree = {"object": fields_of(cls, module)}
    requiredness_by_annotation(tree, cls)
    return tree["object"]


API_URL = re.compile(r'url = endpoint \+ "([^"]+)"')
API_CALL = re.compile(r"client\.(get|post)\(")


def describe_apis(package):
    import pkgutil

    apis = importlib.import_module(package + ".apis")
    operations = []
    for info in sorted(pkgutil.iter_modules(apis.__path__), key=lambda i: i.name):
        module = importlib.import_module(apis.__name__ + "." + info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if not name.endswith("Api") or cls.__module__ != module.__name__ or not hasattr(cls, "do"):
                continue
            source = inspect.getsource(cls.do)
            url, call = API_URL.search(source), API_CALL.search(source)
            if not url or not call:
                continue
            signature = inspect.signature(cls.do)
            request_cls = signature.parameters["request"].annotation
            response_cls = signature.return_annotation
            response_fields = fields_of(response_cls, module)
            operations.append({
                "package": package,
                "function": name,
                "method": call.group(1).upper(),
                "path": url.group(1),
                "location": "query" if call.group(1) == "get" else "body",
                "request": fields_by_annotation(request_cls, module),
                "returnObj": response_fields.get("returnObj", {"type": "any"})["type"],
                "module": module.__name__,
            })
    return operations


def describe(package):
    if package in API_MODULE_PACKAGES:
        return describe_apis(package)
    client_module = importlib.import_module(package + "." + package.split("_")[1][: -len("20220909")] + "_client")
    models = importlib.import_module(package + ".models")
    source = inspect.getsource(client_module)
    operations = []
    for match in METHOD_PATTERN.finditer(source):
        name, request_name, response_name, path, method, where = match.groups()
        request_cls = getattr(models, request_name)
        response_cls = getattr(models, response_name)
        module = sys.modules[request_cls.__module__]
        response_fields = fields_of(response_cls, sys.modules[response_cls.__module__])
        return_obj = response_fields.get("returnObj", {"type": "any"})["type"]
        operations.append({
            "package": package,
            "function": name,
            "method": method,
            "path": path,
            "location": "query" if where.startswith("params") else "body",
            "request": fields_of(request_cls, module),
            "returnObj": return_obj,
            "module": request_cls.__module__,
        })
    return operations


def main():
    packages = sys.argv[1:] or DEFAULT_PACKAGES
    result = []
    for package in packages:
        result.extend(describe(package))
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
