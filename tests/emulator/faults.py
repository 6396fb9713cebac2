"""Faults: which injected failure (if any) a request meets, drawn from a seeded RNG.

Config: {"<Operation>" | "*": [{"kind": K, "rate": 0..1, "seconds": s, "max_count": n}, ...]} with K one
of throttle, internal_error (500), unavailable (503), drop (close the connection before doing the
operation), drop_after (do it, then close without answering), latency (sleep `seconds`, then carry on),
and the hostile kinds of hostile.py (signature_echo, header_echo, hang, huge with "bytes", endless, deep
with "depth").
Rules of the operation are tried before "*" ones; the first error rule that fires wins; latency adds up.
Faults never touch state: every kind but drop_after answers before the operation runs.
Thread-safe; replace() swaps the rules at run time (POST /_emulator/faults).
"""
import random
import threading
from dataclasses import dataclass

from .hostile import KINDS as HOSTILE_KINDS

KINDS = {"throttle", "internal_error", "unavailable", "drop", "drop_after", "latency"} | HOSTILE_KINDS


@dataclass
class Decision:
    latency: float = 0.0
    kind: str = None  # None: no error fault.
    rule: dict = None  # the rule that chose `kind` (its parameters: bytes, depth)


class Faults:
    def __init__(self, config, seed):
        self._lock = threading.Lock()
        self._rng = random.Random(seed)
        self.replace(config)

    def replace(self, config):
        for rules in config.values():
            for rule in rules:
                if rule.get("kind") not in KINDS or not 0 <= float(rule.get("rate", 1.0)) <= 1:
                    raise ValueError(f"bad fault rule {rule}")
        with self._lock:
            self._rules = {op: [dict(rule, fired=0) for rule in rules] for op, rules in config.items()}

    def decide(self, operation):
        decision = Decision()
        with self._lock:
            for rule in self._rules.get(operation, []) + self._rules.get("*", []):
                if "max_count" in rule and rule["fired"] >= rule["max_count"]:
                    continue
                if rule["kind"] != "latency" and decision.kind is not None:
                    continue
                if self._rng.random() >= float(rule.get("rate", 1.0)):
                    continue
                rule["fired"] += 1
                if rule["kind"] == "latency":
                    decision.latency += float(rule.get("seconds", 0.5))
                else:
                    decision.kind = rule["kind"]
                    decision.rule = dict(rule)
        return decision
