"""JsonBody: an operation's answer already serialized as JSON, which App sends as is.

Operations normally return a dict that App serializes with json.dumps; one that keeps its answer's
parts pre-rendered (GetLogEvents, from the EventCache) returns JsonBody(bytes) instead, exactly the
bytes json.dumps would have produced for the equivalent dict. Immutable; thread-safe.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class JsonBody:
    data: bytes
