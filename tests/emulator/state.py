"""The /_emulator/state document tests assert on: jobs, their status and streams, and the counters.

GET /_emulator/state            jobs (name, status, secondary status, stop requested, streams with
                                their event counts), creates (jobs created), stops (StopTrainingJob
                                calls answered 200), rejected signatures, counters.
GET /_emulator/state?lines=1    the same, each stream also with every message it holds so far.
GET /_emulator/state?secrets=1  also `issued_secrets`: the secret key and session token of every
                                temporary credential issued (test-only: lets a test check the program
                                never prints them; the request log never holds them), and
                                `imds_tokens`, every IMDSv2 session token handed out.
"""


def _stream(stream, now, with_lines):
    count = stream.count(now)
    out = {"name": stream.name, "instance": stream.instance, "attempt": stream.attempt.number, "events": count}
    if with_lines:
        out["lines"] = [stream.event(i)[1] for i in range(count)]
    return out


def render_state(app, query):
    now = app.now()
    with_lines = query.get("lines") in ("1", "true")
    streams = app.jobs.streams(now)
    jobs = []
    for job in app.jobs.all():
        described = app.jobs.describe(job, now)
        jobs.append({
            "name": job.name, "status": described["TrainingJobStatus"],
            "secondary_status": described["SecondaryStatus"], "stop_requested": job.stop_requested,
            "instance_count": job.clock.instance_count,
            "streams": [_stream(s, now, with_lines) for s in streams if s.job is job]})
    counters = app.log.counters()
    counters["throttled"] = app.rate_limits.throttled
    # creates: jobs that exist (a Create answered by a dropped connection still made one).
    state = {"now": now, "jobs": jobs, "creates": len(jobs),
             "stops": counters["successes"].get("StopTrainingJob", 0),
             "rejected_signatures": counters["rejected_signatures"], "counters": counters}
    if query.get("secrets") in ("1", "true"):
        state["issued_secrets"] = app.credentials.issued_secrets()
        state["imds_tokens"] = app.metadata.issued_tokens()
    return state
