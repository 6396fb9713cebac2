"""Validation of a request against the botocore service model, the way the service answers it.

botocore's ParamValidator checks required members, types, unknown members and `min`; the service also
enforces `max`, `pattern` (Java regexes over the whole value) and `enum`. validate() walks the whole
nested input shape for all of them and returns the violations as service-style phrases
("Value 'x' at 'trainingJobName' failed to satisfy constraint: ..."); raise_if_invalid() turns them into
one ValidationException. Pure; thread-safe (the compiled-pattern cache is only ever added to).
"""
import functools

import regex
from botocore.loaders import create_loader
from botocore.model import ServiceModel
from botocore.validate import ParamValidator

from .errors import ApiError

_VALIDATOR = ParamValidator()
# Errors only botocore finds (the walk below covers required/min/max/pattern/enum itself).
_BOTOCORE_ONLY = {"unknown field", "invalid type", "unable to encode to json", "invalid type for document"}


def service_model(name, api_version):
    """The botocore model of a service, read without any AWS configuration (profiles, environment)."""
    return ServiceModel(create_loader().load_service_model(name, "service-2", api_version), name)


# Java writes supplementary characters as a UTF-16 surrogate range; Python's regex wants code points.
_JAVA_SURROGATE_RANGE = "\\uD800\\uDC00-\\uDBFF\\uDFFF"


@functools.lru_cache(maxsize=None)
def _compiled(pattern):
    return regex.compile(pattern.replace(_JAVA_SURROGATE_RANGE, "\\U00010000-\\U0010FFFF"))


def _member_path(parent, name):
    name = name[:1].lower() + name[1:]
    return f"{parent}.{name}" if parent else name


def _shown(value):
    if value is None:
        return "null"
    return "'" + (str(value) if not isinstance(value, bool) else str(value).lower()) + "'"


def _violation(value, path, constraint):
    return f"Value {_shown(value)} at '{path}' failed to satisfy constraint: {constraint}"


def _walk(shape, value, path, out):
    meta = shape.metadata
    kind = shape.type_name
    if kind in ("string", "list", "map", "blob"):
        size = len(value) if isinstance(value, (str, list, dict, bytes)) else None
        if size is not None and "min" in meta and size < meta["min"]:
            out.append(_violation(value, path, f"Member must have length greater than or equal to {meta['min']}"))
        if size is not None and "max" in meta and size > meta["max"]:
            out.append(_violation(value, path, f"Member must have length less than or equal to {meta['max']}"))
    if kind in ("integer", "long", "float", "double") and isinstance(value, (int, float)) \
            and not isinstance(value, bool):
        if "min" in meta and value < meta["min"]:
            out.append(_violation(value, path, f"Member must have value greater than or equal to {meta['min']}"))
        if "max" in meta and value > meta["max"]:
            out.append(_violation(value, path, f"Member must have value less than or equal to {meta['max']}"))
    if kind == "string" and isinstance(value, str):
        if shape.enum and value not in shape.enum:
            out.append(_violation(value, path, "Member must satisfy enum value set: [" + ", ".join(shape.enum) + "]"))
        if "pattern" in meta and not _compiled(meta["pattern"]).fullmatch(value):
            out.append(_violation(value, path, f"Member must satisfy regular expression pattern: {meta['pattern']}"))
    if kind == "structure" and isinstance(value, dict):
        for name, member in shape.members.items():
            child = _member_path(path, name)
            if name in value:
                _walk(member, value[name], child, out)
            elif name in shape.required_members:
                out.append(_violation(None, child, "Member must not be null"))
    elif kind == "list" and isinstance(value, list):
        for index, item in enumerate(value, start=1):
            _walk(shape.member, item, f"{path}.{index}.member", out)
    elif kind == "map" and isinstance(value, dict):
        for key, item in value.items():
            _walk(shape.key, key, f"{path}.key", out)
            _walk(shape.value, item, f"{path}.{key}", out)


def validate(shape, params):
    """Returns every violation (service-style phrases), empty when the input is valid."""
    out = []
    _walk(shape, params, "", out)
    report = _VALIDATOR.validate(params, shape)
    for error in report._errors:  # noqa: SLF001  (botocore keeps the structured list private)
        if error[0] in _BOTOCORE_ONLY:
            out.append(report._format_error(error))  # noqa: SLF001
    return out


def raise_if_invalid(shape, params, code="ValidationException"):
    """Raises one 400 `code` (SageMaker: ValidationException; Logs: InvalidParameterException)."""
    violations = validate(shape, params)
    if violations:
        count = len(violations)
        noun = "error" if count == 1 else "errors"
        raise ApiError(400, code, f"{count} validation {noun} detected: " + "; ".join(violations))
