"""Many steps at once (issue 16): tens of programs started together against one account whose API
limits the emulator enforces (the limits a user met: CreateTrainingJob 2/s, DescribeTrainingJob 5/s,
DescribeLogStreams 5/s, GetLogEvents 10/s; over them, ThrottlingException "Rate exceeded").

Every program must exit 0 with its outputs, print every line of its own job exactly once (and no line
of another job), and exactly one job must exist per step. The share of throttled requests is reported.

Size: FLEET_PROGRAMS (default 30, short jobs; well under a minute of wall time). bench/fleet.py runs
the same at 100+ programs and compares the time to finish with the ideal the limits allow.
"""
import os
import tempfile
import time
import unittest

from tests.e2e.harness import Emulator, static_key_env
from tests.e2e.jobs import Background, assert_every_line_once, job_args, operations, read_outputs

PROGRAMS = int(os.environ.get("FLEET_PROGRAMS", "30"))
ACCOUNT_LIMITS = {"CreateTrainingJob": 2, "DescribeTrainingJob": 5, "DescribeLogStreams": 5, "GetLogEvents": 10}
SCENARIO = {
    "rate_limits": ACCOUNT_LIMITS,
    "job": {"log_lines_per_instance": 12, "log_lines_per_second": 4,
            "secondary_statuses": [
                {"status": "Starting", "message": "Starting the training job", "duration": 0.5},
                {"status": "Training", "message": "Training in progress."},
                {"status": "Uploading", "message": "Uploading generated training model", "duration": 0.3}]},
}


class FleetScaleTest(unittest.TestCase):
    def test_every_step_of_a_parallel_for_completes_under_the_accounts_limits(self):
        with Emulator(SCENARIO) as emu, tempfile.TemporaryDirectory() as tmp:
            env = static_key_env(emu)
            names = [f"fleet-{i:03d}" for i in range(PROGRAMS)]
            started = time.monotonic()
            runs = []
            try:
                for name in names:
                    out_dir = os.path.join(tmp, name)
                    runs.append((name, out_dir, Background(job_args(name, out_dir, poll="2"), env)))
                results = {}
                for name, out_dir, run in runs:
                    rc = run.wait(timeout=240)
                    results[name] = (rc, *run.output(), read_outputs(out_dir))
            finally:
                for _, _, run in runs:
                    run.__exit__(None, None, None)
            elapsed = time.monotonic() - started
            state = emu.state(lines=True)
            requests = emu.requests()

        failed = {name: (rc, err[-500:]) for name, (rc, _, err, _) in results.items() if rc != 0}
        self.assertEqual(failed, {}, "every step exits 0")
        for name, (_, out, _, outputs) in results.items():
            self.assertEqual(outputs.get("job_name"), name)
            self.assertTrue(outputs.get("model_artifact_url", "").startswith("s3://"), name)
            assert_every_line_once(self, out, state, name, context=name)
        # Exactly one job per step, and no step created a second one.
        self.assertEqual(sorted(job["name"] for job in state["jobs"]), names)
        created = [r for r in operations(requests, "CreateTrainingJob") if r["status"] == 200]
        self.assertEqual(sorted(r["job"] for r in created), names)

        throttled = sum(1 for r in requests if r["error"] == "ThrottlingException")
        self.assertGreater(throttled, 0, "the account's limits were reached: the test exercised them")
        share = throttled / len(requests)
        ideal = PROGRAMS / ACCOUNT_LIMITS["CreateTrainingJob"]
        print(f"\n{PROGRAMS} programs: {len(requests)} requests, {throttled} throttled ({share:.0%}); "
              f"finished in {elapsed:.1f} s (CreateTrainingJob alone needs {ideal:.0f} s at its limit)")


if __name__ == "__main__":
    unittest.main()
