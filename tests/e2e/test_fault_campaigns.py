"""Fault campaigns (issue 7): the real binary against the emulator under random faults, kills and
signals. Seeded, so a failure names a seed that reproduces it.

- Random mixes of throttling, 5xx, dropped connections (before and after the operation) and latency:
  every job followed to its end with correct outputs, exactly one job per run, every log line once.
- kill -9 at a random moment, then the same step again: never a second job; outputs correct.
- Credentials (web identity, container) expiring every 3 s across a job: no failure.
- SIGTERM at a random moment of a running job: exactly one StopTrainingJob, exit 143.

Size: CAMPAIGN_SCALE (default 1: 4 fault-mix jobs, 3 kills, 3 SIGTERMs, 2 credential jobs; well under
4 minutes). CAMPAIGN_SCALE=12.5 gives the issue's 50 fault-mix jobs. CAMPAIGN_SEED changes the seeds.
"""
import os
import random
import re
import signal
import subprocess
import tempfile
import time
import unittest

from tests.e2e.harness import ROOT, Emulator, program_path, run_program, static_key_env

SCALE = float(os.environ.get("CAMPAIGN_SCALE", "1"))
SEED = int(os.environ.get("CAMPAIGN_SEED", "7"))
SCENARIOS = os.path.join(ROOT, "tests", "emulator", "scenarios")
OUTPUT_PATH = "s3://campaign-bucket/output"
LINE = re.compile(r"algo-(\d+) line (\d{6}) attempt (\d+) of (\S+):")
# Under heavy fault mixes a user raises the attempts, as with any SDK (AWS_MAX_ATTEMPTS, standard mode);
# the follow loop itself never gives up on transient errors.
RETRY_ENV = {"AWS_MAX_ATTEMPTS": "10", "AWS_RETRY_MODE": "standard"}


def count(n):
    return max(1, round(n * SCALE))


def job_args(job, out_dir, instances=2, poll="0.3"):
    return ["--region", "us-east-1", "--job_name", job,
            "--role", "arn:aws:iam::123456789012:role/SageMakerExecutionRole",
            "--image", "382416733822.dkr.ecr.us-east-1.amazonaws.com/kmeans:1",
            "--channels", '[{"ChannelName":"train","DataSource":{"S3DataSource":{"S3Uri":"s3://campaign-bucket/train",'
                          '"S3DataType":"S3Prefix"}}}]',
            "--instance_type", "ml.m5.xlarge", "--instance_count", str(instances),
            "--model_artifact_path", OUTPUT_PATH, "--poll_interval", poll, "--stop_timeout", "10",
            "--model_artifact_url_output_path", os.path.join(out_dir, "model_artifact_url"),
            "--job_name_output_path", os.path.join(out_dir, "job_name"),
            "--training_image_output_path", os.path.join(out_dir, "training_image")]


def random_faults(rng):
    """A random mix over every operation; rates small enough that a call gets through in 10 attempts."""
    rules = []
    for kind in ("throttle", "internal_error", "unavailable", "drop"):
        if rng.random() < 0.7:
            rules.append({"kind": kind, "rate": round(rng.uniform(0.02, 0.12), 3)})
    if rng.random() < 0.6:
        rules.append({"kind": "latency", "rate": round(rng.uniform(0.05, 0.3), 3),
                      "seconds": round(rng.uniform(0.05, 0.4), 3)})
    faults = {"*": rules}
    if rng.random() < 0.5:  # the job is made but the answer is lost: the retry meets ResourceInUse
        faults["CreateTrainingJob"] = [{"kind": "drop_after", "rate": 1.0, "max_count": 1}]
    return faults


class CampaignCase(unittest.TestCase):
    def assert_outputs(self, out_dir, job, context):
        def read(name):
            with open(os.path.join(out_dir, name), encoding="utf-8") as f:
                return f.read()
        self.assertEqual(read("model_artifact_url"), f"{OUTPUT_PATH}/{job}/output/model.tar.gz", context)
        self.assertEqual(read("job_name"), job, context)
        self.assertEqual(read("training_image"), "382416733822.dkr.ecr.us-east-1.amazonaws.com/kmeans:1", context)

    def assert_every_line_once(self, stdout, job, instances, lines, context):
        seen = [(int(m.group(1)), int(m.group(2))) for m in map(LINE.search, stdout.splitlines())
                if m and m.group(4) == job]
        expected = {(i, n) for i in range(1, instances + 1) for n in range(lines)}
        duplicates = len(seen) - len(set(seen))
        self.assertEqual(duplicates, 0, f"{context}: {duplicates} lines printed twice")
        self.assertEqual(set(seen), expected, f"{context}: missing {sorted(expected - set(seen))[:5]}...")

    def job_creates(self, emu, job):
        """CreateTrainingJob calls for `job` that made it (200) and jobs of that name in the emulator."""
        made = [r for r in emu.requests() if r["operation"] == "CreateTrainingJob" and r["job"] == job
                and r["status"] in (0, 200) and r.get("fault") != "drop"]
        existing = [j for j in emu.state()["jobs"] if j["name"] == job]
        return made, existing


class FaultMixCampaign(CampaignCase):
    def test_random_fault_mixes_every_job_ends_once_with_every_line(self):
        jobs = count(4)
        with Emulator(os.path.join(SCENARIOS, "campaign-faults.json"), seed=SEED) as emu:
            for k in range(jobs):
                seed = SEED * 1000 + k
                faults = random_faults(random.Random(seed))
                emu.set_faults(faults)
                job, context = f"campaign-faults-{seed}", f"seed {seed}, faults {faults}"
                with tempfile.TemporaryDirectory() as out_dir:
                    rc, out, err = run_program(job_args(job, out_dir), {**static_key_env(emu), **RETRY_ENV},
                                               timeout=120)
                    self.assertEqual(rc, 0, f"{context}: exit {rc}\n{err[-2000:]}")
                    self.assert_outputs(out_dir, job, context)
                self.assert_every_line_once(out, job, 2, 30, context)
                state = emu.state()
                self.assertEqual(state["creates"], k + 1, f"{context}: jobs in the emulator {state['creates']}")
                self.assertEqual([j["status"] for j in state["jobs"] if j["name"] == job], ["Completed"], context)
            fired = [r for r in emu.requests() if r["fault"]]
            self.assertGreaterEqual(len(fired), jobs, "the campaign injected almost no faults")


class KillCampaign(CampaignCase):
    def test_kill_9_at_random_moments_then_rerun_never_makes_a_second_job(self):
        rng = random.Random(SEED)
        with Emulator(os.path.join(SCENARIOS, "campaign-long.json"), seed=SEED) as emu:
            env = {**static_key_env(emu), **RETRY_ENV, "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                   "AWS_EC2_METADATA_DISABLED": "true", "LANG": "C.UTF-8"}
            for k in range(count(3)):
                moment = round(rng.uniform(0.0, 4.0), 3)
                job, context = f"campaign-kill-{SEED}-{k}", f"kill -9 after {moment} s"
                with tempfile.TemporaryDirectory() as out_dir:
                    env["HOME"] = out_dir
                    process = subprocess.Popen([program_path(), *job_args(job, out_dir)], env=env, cwd=ROOT,
                                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    time.sleep(moment)
                    process.send_signal(signal.SIGKILL)
                    process.wait(10)
                    rc, out, err = run_program(job_args(job, out_dir), {**static_key_env(emu), **RETRY_ENV},
                                               timeout=60)
                    self.assertEqual(rc, 0, f"{context}: rerun exit {rc}\n{err[-2000:]}")
                    self.assert_outputs(out_dir, job, context)
                self.assert_every_line_once(out, job, 2, 25, f"{context}, the rerun")
                made, existing = self.job_creates(emu, job)
                self.assertEqual(len(existing), 1, f"{context}: jobs named {job}: {existing}")
                self.assertLessEqual(len(made), 1, f"{context}: CreateTrainingJob made {made}")
                self.assertEqual(emu.state()["creates"], k + 1, f"{context}: a second job was made")


class SigtermCampaign(CampaignCase):
    def test_sigterm_at_random_moments_stops_the_job_exactly_once(self):
        rng = random.Random(SEED + 1)
        with Emulator(os.path.join(SCENARIOS, "campaign-long.json"), seed=SEED) as emu:
            env = {**static_key_env(emu), **RETRY_ENV, "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                   "AWS_EC2_METADATA_DISABLED": "true", "LANG": "C.UTF-8"}
            for k in range(count(3)):
                moment = round(rng.uniform(0.0, 3.0), 3)
                job, context = f"campaign-term-{SEED}-{k}", f"SIGTERM {moment} s after the job was created"
                with tempfile.TemporaryDirectory() as out_dir:
                    env["HOME"] = out_dir
                    process = subprocess.Popen([program_path(), *job_args(job, out_dir)], env=env, cwd=ROOT,
                                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                    try:
                        emu.wait_for(lambda s: any(j["name"] == job for j in s["jobs"]), timeout=20)
                        time.sleep(moment)
                        process.send_signal(signal.SIGTERM)
                        _, err = process.communicate(timeout=30)
                    finally:
                        if process.poll() is None:
                            process.kill()
                            process.communicate()
                    self.assertEqual(process.returncode, 143, f"{context}: exit {process.returncode}\n{err[-2000:]}")
                    self.assertFalse(os.path.exists(os.path.join(out_dir, "model_artifact_url")), context)
                stops = [r for r in emu.requests() if r["operation"] == "StopTrainingJob" and r["job"] == job]
                self.assertEqual(len(stops), 1, f"{context}: StopTrainingJob calls {stops}")
                self.assertEqual(stops[0]["status"], 200, f"{context}: {stops}")
                status = [j["status"] for j in emu.state()["jobs"] if j["name"] == job]
                self.assertIn(status, (["Stopped"], ["Stopping"]), context)


class CredentialsCampaign(CampaignCase):
    def test_credentials_expiring_every_three_seconds_never_fail_the_job(self):
        with Emulator(os.path.join(SCENARIOS, "campaign-credentials.json"), seed=SEED) as emu, \
                tempfile.TemporaryDirectory() as tmp:
            token_file = os.path.join(tmp, "token")
            with open(token_file, "w", encoding="utf-8") as f:
                f.write("emulator-web-identity-token")
            base = {"AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": emu.endpoint_url}
            chains = {
                "web identity": {**base, "AWS_WEB_IDENTITY_TOKEN_FILE": token_file,
                                 "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/kfp-pipeline-runner"},
                "container": {**base, "AWS_CONTAINER_CREDENTIALS_FULL_URI":
                              f"{emu.endpoint_url}/container-credentials",
                              "AWS_CONTAINER_AUTHORIZATION_TOKEN": "emulator-container-token"},
            }
            for name, env in list(chains.items())[:max(2, count(2))]:
                job = f"campaign-credentials-{name.replace(' ', '-')}"
                out_dir = os.path.join(tmp, job)
                rc, out, err = run_program(job_args(job, out_dir), env, timeout=90)
                self.assertEqual(rc, 0, f"{name}: exit {rc}\n{err[-2000:]}")
                self.assert_outputs(out_dir, job, name)
                self.assert_every_line_once(out, job, 2, 36, name)
                calls = [r for r in emu.requests() if r["job"] == job]
                expired = [r for r in calls if r["error"] == "ExpiredTokenException"]
                keys = {r["access_key"] for r in calls}
                # The job outlives several credentials, and none was used after it expired.
                self.assertGreaterEqual(len(keys), 3, f"{name}: keys used {len(keys)}")
                self.assertEqual(expired, [], f"{name}: requests signed with expired credentials")


if __name__ == "__main__":
    unittest.main()
