"""RateLimits: an account's per-operation API rate limits, as AWS enforces them: a token bucket per
operation holding up to `burst` requests and refilled at `rate` per second; a request that finds it
empty is answered 400 ThrottlingException "Rate exceeded" before the operation runs.

Config: {"<Operation>": rate | {"rate": r, "burst": b}} (burst defaults to the rate, at least 1), from
the scenario's "rate_limits" or the --rate-limits flag (JSON text, which wins per operation). The
emulator serves one account, so one bucket per operation is the account's. Thread-safe.
"""
import threading
import time


def _parsed(config):
    limits = {}
    for operation, value in (config or {}).items():
        rule = value if isinstance(value, dict) else {"rate": value}
        rate = float(rule["rate"])
        burst = float(rule.get("burst", max(rate, 1.0)))
        if rate <= 0 or burst < 1:
            raise ValueError(f"bad rate limit for {operation}: {value}")
        limits[operation] = (rate, burst)
    return limits


class RateLimits:
    def __init__(self, config, clock=time.monotonic):
        self._lock = threading.Lock()
        self._clock = clock
        self._buckets = {op: [rate, burst, burst, clock()] for op, (rate, burst) in _parsed(config).items()}
        self.throttled = 0

    def admit(self, operation):
        """True when `operation` may run now (one token taken), False when it is throttled."""
        with self._lock:
            bucket = self._buckets.get(operation)
            if bucket is None:
                return True
            rate, burst, tokens, last = bucket
            now = self._clock()
            tokens = min(burst, tokens + (now - last) * rate)
            admitted = tokens >= 1
            bucket[2] = tokens - 1 if admitted else tokens
            bucket[3] = now
            if not admitted:
                self.throttled += 1
            return admitted
