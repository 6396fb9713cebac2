"""RequestLog: one JSON object per request (JSON lines), and the counters /_emulator/state shows,
among them the most requests of each operation the emulator was serving at once ("max_concurrent").

Entries carry time, service, operation, HTTP status, error type, job name, access key id and the fault
injected; never a secret, a session token, a signature or an Authorization header. Thread-safe.
"""
import contextlib
import json
import threading
import time
from collections import Counter


class RequestLog:
    def __init__(self, path=None):
        self._lock = threading.Lock()
        self._file = open(path, "a", encoding="utf-8") if path else None
        self.operations = Counter()
        self.errors = Counter()
        self.successes = Counter()
        self.rejected_signatures = 0
        self._serving = Counter()
        self.max_concurrent = Counter()

    @contextlib.contextmanager
    def serving(self, operation):
        """Around serving one request of `operation`: counts the requests served at once."""
        with self._lock:
            self._serving[operation] += 1
            self.max_concurrent[operation] = max(self.max_concurrent[operation], self._serving[operation])
        try:
            yield
        finally:
            with self._lock:
                self._serving[operation] -= 1

    def record(self, service, operation, status, error=None, job=None, access_key=None, fault=None):
        entry = {"time": time.time(), "service": service, "operation": operation, "status": status,
                 "error": error, "job": job, "access_key": access_key, "fault": fault}
        with self._lock:
            self.operations[operation] += 1
            if error:
                self.errors[error] += 1
            elif status == 200:
                self.successes[operation] += 1
            if error in ("InvalidSignatureException", "SignatureDoesNotMatch"):
                self.rejected_signatures += 1
            if self._file:
                self._file.write(json.dumps(entry) + "\n")
                self._file.flush()

    def counters(self):
        with self._lock:
            return {"operations": dict(self.operations), "errors": dict(self.errors),
                    "successes": dict(self.successes), "max_concurrent": dict(self.max_concurrent),
                    "serving": {op: n for op, n in self._serving.items() if n},
                    "rejected_signatures": self.rejected_signatures}

    def close(self):
        with self._lock:
            if self._file:
                self._file.close()
                self._file = None
