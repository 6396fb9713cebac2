"""The KFP run terminated, the pod killed and restarted (issue 4): SIGTERM/SIGINT stop the job exactly
once and exit 143/130; a second signal exits at once; a kill -9 then a rerun with the same arguments
attaches to the one job and follows it to the end; a rerun with another argument exits 3 naming it; a rerun
of a completed job writes the outputs again.
"""
import json
import os
import shutil
import signal
import tempfile
import time
import unittest

from tests.e2e.harness import Emulator, run_program, static_key_env
from tests.e2e.jobs import (IMAGE, OUTPUT_PATH, Background, assert_every_line_once, job_args, operations,
                            read_outputs, replace_arg)

STATUSES = [{"status": "Starting", "message": "Starting the training job", "duration": 0.5},
            {"status": "Downloading", "message": "Downloading input data", "duration": 0.5},
            {"status": "Training", "message": "Training image download completed. Training in progress."},
            {"status": "Uploading", "message": "Uploading generated training model", "duration": 0.5}]


def long_job(stop_delay):
    """Trains for about an hour of lines unless stopped; Stopped `stop_delay` s after StopTrainingJob."""
    return {"job": {"instance_count": 2, "secondary_statuses": STATUSES, "log_lines_per_instance": 20000,
                    "log_lines_per_second": 5, "stop_delay": stop_delay}}


def short_job():
    """About 4 s of training, 2 instances x 20 lines."""
    return {"job": {"instance_count": 2, "secondary_statuses": STATUSES, "log_lines_per_instance": 20,
                    "log_lines_per_second": 5}}


def wait_for_training(test, emu, run, job, timeout=30):
    """Waits until `job` trains and has logged; fails at once, with the output, if the program exited."""
    deadline = time.monotonic() + timeout
    while not training(job)(emu.state()):
        if run.process.poll() is not None:
            out, err = run.output()
            test.fail(f"the program exited {run.process.returncode} before the job trained:\n{out[-2000:]}\n{err[-2000:]}")
        test.assertLess(time.monotonic(), deadline, f"{job} never reached Training")
        time.sleep(0.05)


def training(job):
    return lambda state: any(j["name"] == job and j["secondary_status"] == "Training" and
                             any(s["events"] for s in j["streams"]) for j in state["jobs"])


class SignalTest(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="e2e-signals-")
        self.out_dir = self._tmp.name
        self.addCleanup(self._tmp.cleanup)

    def interrupt(self, signum, expected_rc):
        job = f"e2e-signal-{signum}"
        with Emulator(long_job(stop_delay=1.5)) as emu:
            with Background(job_args(job, self.out_dir, instances=2), static_key_env(emu)) as run:
                wait_for_training(self, emu, run, job)
                time.sleep(0.5)  # some lines printed
                run.process.send_signal(signum)
                started = time.monotonic()
                rc = run.wait(30)
                elapsed = time.monotonic() - started
                out, err = run.output()
            self.assertEqual(rc, expected_rc, err[-3000:])
            # It waited for the job to stop (1.5 s) rather than leaving at once.
            self.assertGreaterEqual(elapsed, 1.0, out[-2000:])
            state = emu.state()
            self.assertEqual(state["stops"], 1)
            stops = operations(emu.requests(), "StopTrainingJob", job)
            self.assertEqual([r["status"] for r in stops], [200], stops)
            self.assertEqual(state["jobs"][0]["status"], "Stopped")
            self.assertEqual(state["creates"], 1)
            self.assertIn("Stopped", out + err)
            self.assertEqual(read_outputs(self.out_dir), {})

    def test_sigterm_stops_the_job_once_and_exits_143(self):
        self.interrupt(signal.SIGTERM, 143)

    def test_sigint_stops_the_job_once_and_exits_130(self):
        self.interrupt(signal.SIGINT, 130)

    def test_a_second_sigterm_exits_at_once(self):
        job = "e2e-second-sigterm"
        with Emulator(long_job(stop_delay=60)) as emu:
            with Background(job_args(job, self.out_dir, instances=2), static_key_env(emu)) as run:
                wait_for_training(self, emu, run, job)
                run.process.send_signal(signal.SIGTERM)
                emu.wait_for(lambda s: s["stops"] == 1, timeout=10)
                time.sleep(0.3)
                self.assertIsNone(run.process.poll(), "exited before the job stopped (stop_delay 60 s)")
                run.process.send_signal(signal.SIGTERM)
                started = time.monotonic()
                rc = run.wait(10)
                elapsed = time.monotonic() - started
                out, err = run.output()
            self.assertLess(elapsed, 2.0, "the second SIGTERM did not exit at once")
            self.assertEqual(rc, 143, err[-3000:])
            self.assertEqual(emu.state()["stops"], 1)
            self.assertEqual(emu.state()["jobs"][0]["status"], "Stopping")


    def test_stop_timeout_bounds_the_wait_for_a_slow_stop(self):
        job = "e2e-stop-timeout"
        args = replace_arg(job_args(job, self.out_dir, instances=2), "--stop_timeout", "1.5")
        with Emulator(long_job(stop_delay=60)) as emu:
            with Background(args, static_key_env(emu)) as run:
                wait_for_training(self, emu, run, job)
                run.process.send_signal(signal.SIGTERM)
                started = time.monotonic()
                rc = run.wait(20)
                elapsed = time.monotonic() - started
                out, err = run.output()
            self.assertEqual(rc, 143, err[-3000:])
            self.assertGreaterEqual(elapsed, 1.0)
            self.assertLess(elapsed, 6.0, "waited well past --stop_timeout")
            self.assertEqual(emu.state()["stops"], 1)
            self.assertEqual(emu.state()["jobs"][0]["status"], "Stopping")


    # A SIGTERM while CreateTrainingJob is being retried (throttled) ends the retries at once: no job is
    # created after the run was terminated, and the step exits 143 well inside Kubernetes' grace period.
    def test_sigterm_while_create_is_retried_makes_no_job(self):
        job = "e2e-sigterm-during-create"
        spec = {"faults": {"CreateTrainingJob": [{"kind": "throttle", "max_count": 4}]}, **long_job(stop_delay=0.5)}
        with Emulator(spec) as emu:
            with Background(job_args(job, self.out_dir), {**static_key_env(emu), "AWS_MAX_ATTEMPTS": "10"}) as run:
                emu.wait_for(lambda s: s["counters"]["operations"].get("CreateTrainingJob", 0) >= 2, timeout=20)
                run.process.send_signal(signal.SIGTERM)
                started = time.monotonic()
                rc = run.wait(60)
                elapsed = time.monotonic() - started
            self.assertEqual(rc, 143)
            self.assertEqual(emu.state()["creates"], 0, "a job was created after SIGTERM")
            self.assertLess(elapsed, 3.0)


    def test_sigterm_after_a_create_whose_answer_was_lost_stops_that_job(self):
        # The first CreateTrainingJob makes the job but its answer is lost; the SIGTERM comes while the
        # retry is in flight. The program never learnt the job was made, yet it must not leave it running.
        job = "e2e-sigterm-after-lost-create"
        spec = {"faults": {"CreateTrainingJob": [{"kind": "drop_after", "max_count": 1},
                                                 {"kind": "latency", "seconds": 1.5}]},
                **long_job(stop_delay=0.5)}
        with Emulator(spec) as emu:
            with Background(job_args(job, self.out_dir), static_key_env(emu)) as run:
                emu.wait_for(lambda s: s["creates"] == 1, timeout=20)
                time.sleep(0.3)  # the retry is now waiting on its (slow) answer
                run.process.send_signal(signal.SIGTERM)
                rc = run.wait(30)
                out, err = run.output()
            self.assertEqual(rc, 143, out[-2000:] + err[-2000:])
            state = emu.state()
            self.assertEqual(state["creates"], 1)
            self.assertEqual(state["stops"], 1, f"the job made by the lost Create was left running:\n{out[-2000:]}")
            self.assertIn(state["jobs"][0]["status"], ("Stopping", "Stopped"))


class RestartTest(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="e2e-restarts-")
        self.out_dir = self._tmp.name
        self.addCleanup(self._tmp.cleanup)

    def kill_mid_job(self, emu, args, job):
        with Background(args, static_key_env(emu)) as run:
            wait_for_training(self, emu, run, job)
            run.process.send_signal(signal.SIGKILL)
            run.wait(10)
        self.assertEqual(emu.state()["jobs"][0]["status"], "InProgress")

    def test_kill_9_then_rerun_attaches_and_follows_to_the_end(self):
        job = "e2e-kill-rerun"
        args = job_args(job, self.out_dir, instances=2)
        with Emulator(short_job()) as emu:
            self.kill_mid_job(emu, args, job)
            rc, out, err = run_program(args, static_key_env(emu), timeout=60)
            self.assertEqual(rc, 0, err[-3000:])
            self.assertEqual(read_outputs(self.out_dir), {
                "model_artifact_url": f"{OUTPUT_PATH}/{job}/output/model.tar.gz", "job_name": job,
                "training_image": IMAGE})
            state = emu.state(lines=True)
            self.assertEqual(state["creates"], 1)
            self.assertEqual(state["rejected_signatures"], 0)
            creates = operations(emu.requests(), "CreateTrainingJob", job)
            self.assertEqual([r["error"] for r in creates], [None, "ResourceInUse"])
            # The rerun printed the whole log of the job, every line once.
            assert_every_line_once(self, out, state, job, "the rerun")

    def test_rerun_with_another_instance_type_exits_3_naming_it(self):
        job = "e2e-kill-rerun-changed"
        args = job_args(job, self.out_dir, instances=2)
        with Emulator(long_job(stop_delay=1)) as emu:
            self.kill_mid_job(emu, args, job)
            rc, out, err = run_program(replace_arg(args, "--instance_type", "ml.c5.xlarge"), static_key_env(emu),
                                       timeout=30)
            self.assertEqual(rc, 3, out + err)
            self.assertRegex(out + err, r"(?i)instance_?type")
            self.assertEqual(emu.state()["creates"], 1)
            self.assertEqual(emu.state()["stops"], 0, "stopped a job this step does not own")
            self.assertEqual(read_outputs(self.out_dir), {})

    def test_rerun_of_a_completed_job_writes_the_outputs_again(self):
        job = "e2e-rerun-completed"
        args = job_args(job, self.out_dir, instances=2)
        with Emulator(short_job(), time_scale=4) as emu:
            rc, _, err = run_program(args, static_key_env(emu), timeout=60)
            self.assertEqual(rc, 0, err[-3000:])
            first = read_outputs(self.out_dir)
            self.assertEqual(first["job_name"], job)
            shutil.rmtree(self.out_dir)
            rc, out, err = run_program(args, static_key_env(emu), timeout=60)
            self.assertEqual(rc, 0, err[-3000:])
            self.assertEqual(read_outputs(self.out_dir), first)
            self.assertEqual(emu.state()["creates"], 1)
            assert_every_line_once(self, out, emu.state(lines=True), job, "the rerun")
            self.assertTrue(os.path.isdir(self.out_dir))


    def test_kill_9_then_rerun_with_every_option_set_attaches(self):
        # Whatever the service echoes back for these (spot, checkpoint, debugger, VPC, KMS, environment,
        # metric definitions, Pipe mode) must compare equal to the same request again.
        job = "e2e-kill-rerun-every-option"
        rule_image = "503895931360.dkr.ecr.us-east-1.amazonaws.com/sagemaker-debugger-rules:latest"
        args = job_args(job, self.out_dir, instances=2, extra=[
            "--spot_instance", "True", "--max_wait_time", "7200",
            "--checkpoint_config", '{"S3Uri": "s3://e2e-bucket/checkpoints", "LocalPath": "/opt/ml/checkpoints"}',
            "--debug_hook_config", '{"S3OutputPath": "s3://e2e-bucket/debug", "HookParameters": {"save_interval": "100"}}',
            "--debug_rule_config", json.dumps([{"RuleConfigurationName": "LossNotDecreasing",
                                                "RuleEvaluatorImage": rule_image,
                                                "RuleParameters": {"rule_to_invoke": "LossNotDecreasing"}}]),
            "--vpc_security_group_ids", "sg-0123456789abcdef0, sg-0fedcba9876543210",
            "--vpc_subnets", "subnet-0123456789abcdef0,subnet-0fedcba9876543210",
            "--resource_encryption_key", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "--output_encryption_key", "alias/sagemaker-output",
            "--environment", '{"LOG_LEVEL": "debug"}', "--training_input_mode", "Pipe",
            "--metric_definitions", '{"train:loss": "loss=([0-9\\\\.]+)"}'])
        args = replace_arg(replace_arg(args, "--traffic_encryption", "True"), "--network_isolation", "False")
        with Emulator({"job": {**short_job()["job"], "debugger_rules": {"*": {"result": "NoIssuesFound", "delay": 0.5}}}},
                      time_scale=2) as emu:
            self.kill_mid_job(emu, args, job)
            rc, out, err = run_program(args, static_key_env(emu), timeout=60)
            self.assertEqual(rc, 0, f"{out[-3000:]}\n{err[-3000:]}")
            self.assertEqual(read_outputs(self.out_dir)["job_name"], job)
            self.assertEqual(emu.state()["creates"], 1)


if __name__ == "__main__":
    unittest.main()
