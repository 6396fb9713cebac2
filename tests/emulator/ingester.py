"""LogIngester: renders log events into the EventCache as the jobs' clocks write them.

Why: CloudWatch stores events when they are ingested, and reading them back is cheap. The emulator
computes events from the clock instead, and rendering a 10,000-event page takes tens of milliseconds
of Python; a client reading a backlog (each event once) would then measure the emulator's rendering,
not its own speed. This background thread renders every visible event ahead of the reads, so pages are
joins of cached bytes. It changes no answer (the cache is transparent), only when the work is done.

start() runs it every `interval` real seconds until stop(). Thread-safe: it reads the JobStore and
fills the EventCache, both of which lock.
"""
import threading
import time
import traceback


class LogIngester:
    def __init__(self, jobs, cache, interval=0.05, clock=time.time):
        self._jobs = jobs
        self._cache = cache
        self._interval = interval
        self._clock = clock
        self._stop = threading.Event()
        self._thread = None

    def ingest(self):
        """One pass: every stream's visible events into the cache (until it is full). Returns how many
        events were rendered."""
        now = self._clock()
        return sum(self._cache.warm(stream, stream.count(now)) for stream in self._jobs.streams(now))

    def start(self):
        self._thread = threading.Thread(target=self._run, name="log-ingester", daemon=True)
        self._thread.start()

    def stop(self):
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self):
        while not self._stop.wait(self._interval):
            try:
                self.ingest()
            except Exception:  # noqa: BLE001  An emulator bug: say so on stderr; reads render on demand.
                traceback.print_exc()
