"""Many steps at once and live-log latency (issue 16), against the emulator with per-account limits.

    python3 bench/fleet.py --binary build-bench/sagemaker-training [--programs 100] [--latency-seconds 60]

- fleet: N programs started together (1 instance, 12 lines, ~2 s jobs, --poll_interval 2) under the
  limits CreateTrainingJob 2/s, DescribeTrainingJob 5/s, DescribeLogStreams 5/s, GetLogEvents 10/s:
  exits, lines printed once, jobs per step, throttled share, time to finish against the ideal the
  limits allow (N / 2 s for the creates alone).
- latency: one job writing one line a second, followed at the defaults (no --poll_interval) by the
  program and by the boto3 SDK-style baseline (bench/boto3_baseline.py, the SDK's 10 s log cadence),
  both at once against one emulator: p50/p95 delay from a line's event time to the follower's stdout,
  and requests a minute per follower.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import boto3  # noqa: E402

from tests.e2e.harness import STATIC_ACCESS_KEY, STATIC_SECRET_KEY, Emulator, static_key_env  # noqa: E402
from tests.e2e.jobs import job_args, read_outputs  # noqa: E402

LIMITS = {"CreateTrainingJob": 2, "DescribeTrainingJob": 5, "DescribeLogStreams": 5, "GetLogEvents": 10}
FOLLOW_OPS = ("DescribeTrainingJob", "DescribeLogStreams", "GetLogEvents")


def fleet(binary, programs):
    scenario = {"rate_limits": LIMITS, "job": {
        "log_lines_per_instance": 12, "log_lines_per_second": 4,
        "secondary_statuses": [{"status": "Starting", "message": "Starting", "duration": 0.5},
                               {"status": "Training", "message": "Training"},
                               {"status": "Uploading", "message": "Uploading", "duration": 0.3}]}}
    with Emulator(scenario) as emu, tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, **static_key_env(emu), AWS_EC2_METADATA_DISABLED="true", HOME=tmp)
        started = time.monotonic()
        procs = []
        for i in range(programs):
            name, out_dir = f"fleet-{i:03d}", os.path.join(tmp, f"fleet-{i:03d}")
            procs.append((name, out_dir, subprocess.Popen([binary, *job_args(name, out_dir, poll="2")], env=env,
                                                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)))
        outs = {name: (p.communicate()[0], p.returncode, read_outputs(d)) for name, d, p in procs}
        elapsed = time.monotonic() - started
        state, requests = emu.state(lines=True), emu.requests()
    ok = sum(1 for out, rc, outputs in outs.values() if rc == 0 and outputs.get("job_name"))
    once = 0
    for job in state["jobs"]:
        printed = outs[job["name"]][0]
        once += all(printed.count("] " + line + "\n") == 1 for s in job["streams"] for line in s["lines"])
    throttled = sum(1 for r in requests if r["error"] == "ThrottlingException")
    return {"programs": programs, "exit_0_with_outputs": ok, "every_line_once": once, "jobs": len(state["jobs"]),
            "requests": len(requests), "throttled": throttled, "seconds": round(elapsed, 1),
            "ideal_seconds": programs / LIMITS["CreateTrainingJob"]}


def event_times(endpoint_url, job):
    """{message: event timestamp (s)} of every line of `job`, read back from the emulator."""
    logs = boto3.client("logs", endpoint_url=endpoint_url, region_name="us-east-1",
                        aws_access_key_id=STATIC_ACCESS_KEY, aws_secret_access_key=STATIC_SECRET_KEY)
    times = {}
    for stream in logs.describe_log_streams(logGroupName="/aws/sagemaker/TrainingJobs",
                                            logStreamNamePrefix=job + "/")["logStreams"]:
        token = None
        while True:
            kwargs = {"nextToken": token} if token else {}
            page = logs.get_log_events(logGroupName="/aws/sagemaker/TrainingJobs",
                                       logStreamName=stream["logStreamName"], startFromHead=True, **kwargs)
            for event in page["events"]:
                times[event["message"]] = event["timestamp"] / 1000
            if page["nextForwardToken"] == token:
                break
            token = page["nextForwardToken"]
    return times


def watch(cmd, env, arrivals):
    """Runs cmd; notes when each stdout line arrived."""
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    for line in proc.stdout:
        arrivals.append((time.time(), line.rstrip("\n")))
    return proc.wait()


def latency(binary, seconds):
    scenario = {"job": {"log_lines_per_instance": seconds, "log_lines_per_second": 1.0}}
    with Emulator(scenario) as emu, tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, **static_key_env(emu), AWS_EC2_METADATA_DISABLED="true", HOME=tmp)
        ours_args = [a for a in job_args("latency-ours", os.path.join(tmp, "o"))]
        i = ours_args.index("--poll_interval")
        del ours_args[i:i + 2]  # the defaults
        request = json.loads(subprocess.run([binary, *job_args("latency-boto3", os.path.join(tmp, "b")), "--dry_run", "True"],
                                            capture_output=True, text=True, check=True, env=env).stdout)
        runs = {"sagemaker-training": [binary, *ours_args],
                "boto3 SDK-style": [sys.executable, os.path.join(ROOT, "bench", "boto3_baseline.py"), "--endpoint-url",
                                    emu.endpoint_url, "--job-name", "latency-boto3", "--request", json.dumps(request)]}
        arrivals = {name: [] for name in runs}
        threads = [threading.Thread(target=watch, args=(cmd, env, arrivals[name])) for name, cmd in runs.items()]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        requests = emu.requests()
        results = {}
        for name, job in (("sagemaker-training", "latency-ours"), ("boto3 SDK-style", "latency-boto3")):
            times = event_times(emu.endpoint_url, job)
            delays = []
            for arrived, line in arrivals[name]:
                message = line.split("] ", 1)[1] if "] " in line else line
                if message in times:
                    delays.append(arrived - times[message])
            mine = [r for r in requests if r["job"] == job and r["operation"] in FOLLOW_OPS]
            span = (max(r["time"] for r in mine) - min(r["time"] for r in mine)) / 60 if mine else float("nan")
            q = statistics.quantiles(delays, n=20) if len(delays) > 1 else [float("nan")] * 19
            results[name] = {"lines": len(delays), "p50": round(statistics.median(delays), 2) if delays else None,
                             "p95": round(q[18], 2), "requests_per_minute": round(len(mine) / span, 1)}
        return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, "build", "sagemaker-training"))
    parser.add_argument("--programs", type=int, default=100)
    parser.add_argument("--latency-seconds", type=int, default=60)
    args = parser.parse_args()
    print(json.dumps({"fleet": fleet(args.binary, args.programs)}), flush=True)
    print(json.dumps({"latency": latency(args.binary, args.latency_seconds)}), flush=True)


if __name__ == "__main__":
    main()
