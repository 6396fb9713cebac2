"""Checks a request against the constraints of the botocore service model that botocore's own
client-side validator skips (max, pattern, enum), as the SageMaker service itself enforces them.

    errors = check_request("CreateTrainingJob", request)   # [] when the service would accept it

The model is third_party/aws/service-model/shapes.json (each operation's input with nested shapes
inlined). Patterns are Java regular expressions applied to the whole value; the `regex` module runs
them (it understands \\p{L}, look-behind, possessive forms) with fullmatch. Lengths are counted in
characters, as the service does. Independent of the C++ code on purpose.
"""
import json
import os

import regex

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHAPES = os.path.join(ROOT, "third_party", "aws", "service-model", "shapes.json")

_model = None


def _input_shape(operation):
    global _model
    if _model is None:
        with open(SHAPES, encoding="utf-8") as f:
            _model = json.load(f)
    return _model["services"]["sagemaker"]["operations"][operation]["input"]


def _check_bounds(value, size, shape, path, errors, what):
    if "min" in shape and size < shape["min"]:
        errors.append(f"{path}: {what} {size} < min {shape['min']}")
    if "max" in shape and size > shape["max"]:
        errors.append(f"{path}: {what} {size} > max {shape['max']}")


def _check_string(value, shape, path, errors):
    if not isinstance(value, str):
        errors.append(f"{path}: expected a string, got {value!r}")
        return
    if "enum" in shape and value not in shape["enum"]:
        errors.append(f"{path}: {value!r} not in enum {shape['enum']}")
    _check_bounds(value, len(value), shape, path, errors, "length")
    if "pattern" in shape and regex.fullmatch(shape["pattern"], value) is None:
        errors.append(f"{path}: {value!r} does not match {shape['pattern']}")


def _check(value, shape, path, errors):
    kind = shape.get("type")
    if kind == "structure":
        if not isinstance(value, dict):
            errors.append(f"{path}: expected an object")
            return
        for name in shape.get("required_members", []):
            if name not in value:
                errors.append(f"{path}: missing required {name}")
        for name, member in value.items():
            if name not in shape["members"]:
                errors.append(f"{path}.{name}: unknown member")
            else:
                _check(member, shape["members"][name], f"{path}.{name}", errors)
    elif kind == "list":
        if not isinstance(value, list):
            errors.append(f"{path}: expected a list")
            return
        _check_bounds(value, len(value), shape, path, errors, "count")
        for i, item in enumerate(value):
            _check(item, shape["member"], f"{path}[{i}]", errors)
    elif kind == "map":
        if not isinstance(value, dict):
            errors.append(f"{path}: expected an object")
            return
        _check_bounds(value, len(value), shape, path, errors, "count")
        for key, item in value.items():
            _check(key, shape["key"], f"{path} key {key!r}", errors)
            _check(item, shape["value"], f"{path}[{key!r}]", errors)
    elif kind == "string":
        _check_string(value, shape, path, errors)
    elif kind in ("integer", "long"):
        if not isinstance(value, int) or isinstance(value, bool):
            errors.append(f"{path}: expected an integer, got {value!r}")
            return
        _check_bounds(value, value, shape, path, errors, "value")
    elif kind == "boolean":
        if not isinstance(value, bool):
            errors.append(f"{path}: expected a boolean, got {value!r}")


def check_request(operation, request):
    """Every violation of the model's constraints in `request`; [] when none."""
    errors = []
    _check(request, _input_shape(operation), operation, errors)
    return errors
