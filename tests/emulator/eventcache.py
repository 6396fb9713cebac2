"""EventCache: the JSON text of CloudWatch log events, rendered once and served many times.

Why: a GetLogEvents page holds up to 10,000 events; rendering each (str.format of the line template, a
dict, json.dumps) on every request cost ~50 ms a page, so in the log-throughput benchmarks the
emulator, not the client, was the bottleneck. A stream's events are pure functions of the stream and the
index (jobs.Stream.event), so their rendering can be kept and a page becomes a join of cached bytes.

fragments(stream, begin, end) returns the rendered events [begin, end) of `stream`, as `render(stream,
index)` gives them (bytes). Events are kept in chunks of `chunk_size` consecutive indexes.
- Never another stream's events: a chunk is keyed by (job ARN, attempt number, instance, chunk index),
  all three fixed for a stream's life and together unique within the emulator (job names are unique,
  an attempt's number within its job, an instance within its attempt), and it also holds the very
  Attempt object it was rendered from; a chunk whose Attempt is not the stream's is rendered again.
- Bounded memory: at most `max_chunks` chunks; beyond that the least recently used chunk goes. A chunk
  stops at the attempt's last line (attempt.lines), so nothing past a stream's end is rendered.
- Rendering events a client cannot see yet (past stream.count(now)) is harmless: they are the same
  text they will have once visible. Visibility is the caller's business.
- warm(stream, end) renders ahead of any request (the LogIngester does, as lines are written), so that
  even an event read only once is served from the cache. It never evicts: a full cache warms nothing
  and pages are then rendered on demand, as without it.
Thread-safe: one lock around lookups and rendering. Rendering is pure Python under the GIL, so a lock
per stream would not render two streams any faster; one lock also means a chunk is rendered once.
"""
import threading
from collections import OrderedDict

DEFAULT_CHUNK_SIZE = 1000
DEFAULT_MAX_CHUNKS = 500  # 500,000 events (~80 MB): a whole 4 x 50,000-line job twice over.


class EventCache:
    def __init__(self, render, chunk_size=DEFAULT_CHUNK_SIZE, max_chunks=DEFAULT_MAX_CHUNKS):
        """REQUIRES: chunk_size >= 1, max_chunks >= 1; render(stream, index) -> bytes, pure."""
        self._render = render
        self._chunk_size = chunk_size
        self._max_chunks = max_chunks
        self._lock = threading.Lock()
        self._chunks = OrderedDict()  # key -> (attempt, [bytes]); least recently used first.
        self.renders = 0  # Events rendered so far (tests check the cache is used).

    def fragments(self, stream, begin, end):
        """REQUIRES: 0 <= begin; end <= stream.attempt.lines."""
        out = []
        if end <= begin:
            return out
        size = self._chunk_size
        with self._lock:
            for chunk in range(begin // size, (end - 1) // size + 1):
                events = self._chunk(stream, chunk)
                first = chunk * size
                out.extend(events[max(begin, first) - first:min(end, first + size) - first])
        return out

    def warm(self, stream, end):
        """Renders the chunks holding events [0, end) of `stream` that are not cached yet, while the
        cache is not full; returns how many events it rendered. Takes the lock chunk by chunk, so a
        request waits for at most one chunk's rendering."""
        rendered = 0
        for chunk in range((end + self._chunk_size - 1) // self._chunk_size):
            with self._lock:
                key = self._key(stream, chunk)
                entry = self._chunks.get(key)
                if entry is not None and entry[0] is stream.attempt:
                    continue
                if len(self._chunks) >= self._max_chunks:
                    break
                before = self.renders
                self._chunk(stream, chunk)
                rendered += self.renders - before
        return rendered

    def __len__(self):
        with self._lock:
            return len(self._chunks)

    def _chunk(self, stream, chunk):
        """REQUIRES: the lock is held."""
        key = self._key(stream, chunk)
        entry = self._chunks.get(key)
        if entry is not None and entry[0] is stream.attempt:
            self._chunks.move_to_end(key)
            return entry[1]
        first = chunk * self._chunk_size
        last = min(first + self._chunk_size, stream.attempt.lines)
        events = [self._render(stream, i) for i in range(first, last)]
        self.renders += len(events)
        self._chunks[key] = (stream.attempt, events)
        self._chunks.move_to_end(key)
        while len(self._chunks) > self._max_chunks:
            self._chunks.popitem(last=False)
        return events

    @staticmethod
    def _key(stream, chunk):
        return stream.job.arn, stream.attempt.number, stream.instance, chunk
