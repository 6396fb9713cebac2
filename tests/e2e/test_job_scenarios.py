"""The real binary follows jobs of every kind against the emulator, as a KFP step would (issues 4, 5):
completed, failed, max runtime, spot restart, 1/2/8 instances with thousands of lines, throttling, 5xx
and dropped connections, debugger rules, built-in and resource algorithms; and the request log shows one
CreateTrainingJob per job, no signature refused, and no DescribeLogStreams once every stream is known.
"""
import json
import os
import re
import tempfile
import time
import unittest

from tests.e2e.harness import ROOT, Emulator, run_program, static_key_env
from tests.e2e.jobs import (IMAGE, OUTPUT_PATH, Background, assert_every_line_once, drop_arg, job_args,
                            operations, read_outputs, replace_arg)

SCENARIOS = os.path.join(ROOT, "tests", "emulator", "scenarios")
RULE_IMAGE = "503895931360.dkr.ecr.us-east-1.amazonaws.com/sagemaker-debugger-rules:latest"
DEBUG_ARGS = ["--debug_hook_config", '{"S3OutputPath": "s3://e2e-bucket/debug"}',
              "--debug_rule_config", json.dumps([
                  {"RuleConfigurationName": "LossNotDecreasing", "RuleEvaluatorImage": RULE_IMAGE,
                   "RuleParameters": {"rule_to_invoke": "LossNotDecreasing"}},
                  {"RuleConfigurationName": "Overfit", "RuleEvaluatorImage": RULE_IMAGE,
                   "RuleParameters": {"rule_to_invoke": "Overfit"}}])]
SPOT_ARGS = ["--spot_instance", "True", "--max_wait_time", "7200",
             "--checkpoint_config", '{"S3Uri": "s3://e2e-bucket/checkpoints"}']
FAST_STATUSES = [{"status": "Starting", "message": "Starting the training job", "duration": 0.5},
                 {"status": "Downloading", "message": "Downloading input data", "duration": 0.5},
                 {"status": "Training", "message": "Training image download completed. Training in progress."},
                 {"status": "Uploading", "message": "Uploading generated training model", "duration": 0.5}]


def scenario(path):
    return os.path.join(SCENARIOS, path)


def printed_statuses(stdout):
    """The secondary statuses the program announced, in order (`... status Training (after 3s): ...`)."""
    return re.findall(r"^\S+ status (\w+) \(after", stdout, re.MULTILINE)


class JobCase(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="e2e-job-")
        self.out_dir = self._tmp.name
        self.addCleanup(self._tmp.cleanup)

    def assert_one_create_and_clean_signatures(self, emu, job):
        state = emu.state()
        self.assertEqual(state["creates"], 1, "jobs made in the emulator")
        self.assertEqual(state["rejected_signatures"], 0, "requests refused for their signature")
        made = [r for r in operations(emu.requests(), "CreateTrainingJob", job) if r["status"] == 200]
        self.assertLessEqual(len(made), 1, f"CreateTrainingJob answered 200 more than once: {made}")

    def assert_no_outputs(self):
        self.assertEqual(read_outputs(self.out_dir), {}, "outputs written for a job that did not complete")

    def run_job(self, emu, job, instances=1, extra=(), env=None, timeout=120, **kwargs):
        args = job_args(job, self.out_dir, instances=instances, extra=extra, **kwargs)
        rc, out, err = run_program(args, {**static_key_env(emu), **(env or {})}, timeout=timeout)
        return rc, out, err


class OutcomeTest(JobCase):
    def test_completed_writes_outputs_and_kfp_artifacts(self):
        job = "e2e-completed"
        with Emulator(scenario("completed.json"), time_scale=10) as emu:
            rc, out, err = self.run_job(emu, job, instances=2, extra=DEBUG_ARGS, ui_outputs=True)
            self.assertEqual(rc, 0, err)
            self.assertEqual(read_outputs(self.out_dir), {
                "model_artifact_url": f"{OUTPUT_PATH}/{job}/output/model.tar.gz", "job_name": job,
                "training_image": IMAGE})
            with open(os.path.join(self.out_dir, "mlpipeline-metrics.json"), encoding="utf-8") as f:
                metrics = json.load(f)
            values = {m["name"]: m["numberValue"] for m in metrics["metrics"]}
            self.assertEqual(len(values), 2, metrics)
            self.assertIn(0.9375, values.values())
            self.assertIn(0.0412, values.values())
            with open(os.path.join(self.out_dir, "mlpipeline-ui-metadata.json"), encoding="utf-8") as f:
                ui = json.load(f)
            source = ui["outputs"][0]["source"]
            self.assertIn(job, source)
            self.assertIn("Completed", source)
            self.assertIn("/aws/sagemaker/TrainingJobs", source)
            # Every status transition of the scenario announced once, in order.
            self.assertEqual(printed_statuses(out), ["Starting", "LaunchingMLInstances", "PreparingTrainingStack",
                                                     "Downloading", "Training", "Uploading", "Completed"])
            self.assertRegex(out, r"Overfit.*NoIssuesFound")
            self.assertRegex(out, r"LossNotDecreasing.*NoIssuesFound")
            assert_every_line_once(self, out, emu.state(lines=True), job)
            self.assert_one_create_and_clean_signatures(emu, job)

    def test_failed_exits_1_with_the_failure_reason_and_no_outputs(self):
        job = "e2e-failed"
        with Emulator(scenario("failed.json"), time_scale=5) as emu:
            rc, out, err = self.run_job(emu, job)
            self.assertEqual(rc, 1, err)
            self.assertIn("AlgorithmError: ExecuteUserScriptError: exit code 1 (train.py line 42: KeyError 'label')",
                          out + err)
            self.assert_no_outputs()
            assert_every_line_once(self, out, emu.state(lines=True), job)
            self.assert_one_create_and_clean_signatures(emu, job)

    def test_max_runtime_exceeded_exits_1(self):
        job = "e2e-max-runtime"
        with Emulator(scenario("max-runtime.json"), time_scale=5) as emu:
            rc, out, err = self.run_job(emu, job)
            self.assertEqual(rc, 1, err)
            self.assertIn("MaxRuntimeExceeded", out + err)
            self.assert_no_outputs()
            self.assertEqual(emu.state()["jobs"][0]["status"], "Stopped")
            assert_every_line_once(self, out, emu.state(lines=True), job)
            self.assert_one_create_and_clean_signatures(emu, job)

    def test_spot_interruption_prints_both_attempts_once(self):
        job = "e2e-spot"
        with Emulator(scenario("spot-restart.json"), time_scale=4) as emu:
            rc, out, err = self.run_job(emu, job, instances=2, extra=SPOT_ARGS)
            self.assertEqual(rc, 0, err)
            state = emu.state(lines=True)
            attempts = {s["attempt"] for s in state["jobs"][0]["streams"]}
            self.assertEqual(attempts, {1, 2}, "the scenario did not restart the job")
            assert_every_line_once(self, out, state, job)
            statuses = printed_statuses(out)
            self.assertEqual(statuses[statuses.index("Training"):],
                             ["Training", "Interrupted", "Restarting", "Training", "Uploading", "Completed"])
            # training 12 s, billable 4 s in the scenario
            self.assertIn("managed spot savings: 66.7%", out)
            self.assertEqual(read_outputs(self.out_dir)["job_name"], job)
            self.assert_one_create_and_clean_signatures(emu, job)


    def test_two_spot_restarts_of_eight_instances_with_paged_streams(self):
        # 24 streams over three attempts, listed 3 per page and read 7 events per page: each restart's
        # new streams must be discovered again, and the old ones drained.
        job = "e2e-spot-8"
        spec = {"logs": {"events_page_size": 7, "streams_page_size": 3},
                "job": {"instance_count": 8, "log_lines_per_instance": 40, "log_lines_per_second": 20,
                        "spot_interruptions": [{"after": 1, "interrupted": 0.5, "restarting": 0.5},
                                               {"after": 0.5, "interrupted": 0.5, "restarting": 0.5}]}}
        with Emulator(spec) as emu:
            rc, out, err = self.run_job(emu, job, instances=8, extra=SPOT_ARGS)
            self.assertEqual(rc, 0, err[-3000:])
            state = emu.state(lines=True)
            self.assertEqual(sorted(s["attempt"] for s in state["jobs"][0]["streams"]), [1] * 8 + [2] * 8 + [3] * 8)
            assert_every_line_once(self, out, state, job)
            self.assert_one_create_and_clean_signatures(emu, job)


class ManyLinesTest(JobCase):
    def follow(self, instances, lines, template=None):
        """Runs a job of `instances` x `lines` lines; checks every line once and in order, and that stream
        discovery stops once every instance has its stream."""
        job = f"e2e-lines-{instances}x{lines}"
        rate = lines / 3.0  # three scenario seconds of training
        spec = {"logs": {"events_page_size": 700, "streams_page_size": 3},
                "job": {"instance_count": instances, "secondary_statuses": FAST_STATUSES,
                        "log_lines_per_instance": lines, "log_lines_per_second": rate}}
        if template:
            spec["job"]["log_line_template"] = template
        with Emulator(spec, time_scale=1) as emu:
            all_streams_at = None
            with Background(job_args(job, self.out_dir, instances=instances), static_key_env(emu)) as run:
                deadline = time.monotonic() + 120
                while run.process.poll() is None and time.monotonic() < deadline:
                    if all_streams_at is None:
                        jobs = emu.state()["jobs"]
                        if jobs and sum(1 for s in jobs[0]["streams"] if s["events"]) == instances:
                            all_streams_at = time.time()
                    time.sleep(0.05)
                rc = run.wait(5)
                out, err = run.output()
            self.assertEqual(rc, 0, err[-3000:])
            state = emu.state(lines=True)
            self.assertEqual(sum(len(s["lines"]) for s in state["jobs"][0]["streams"]), instances * lines)
            assert_every_line_once(self, out, state, job, f"{instances} instances")
            self.assert_one_create_and_clean_signatures(emu, job)
            self.assertIsNotNone(all_streams_at, "never saw every stream while the job ran")
            requests = emu.requests()
            describes = operations(requests, "DescribeLogStreams")
            self.assertGreater(len(describes), 0)
            # Discovery runs on the logs' cadence (at most 7 s apart while streams are missing), and the
            # machine is loaded: allow 7 s + 1.5 s of slack after the last stream appeared.
            late = [r for r in describes if r["time"] > all_streams_at + 8.5]
            self.assertEqual(late, [], f"DescribeLogStreams after every stream was found ({len(describes)} in all, "
                                       f"{len(operations(requests, 'DescribeTrainingJob'))} DescribeTrainingJob)")

    def test_one_instance_3000_lines(self):
        self.follow(1, 3000)

    def test_two_instances_2500_lines_each(self):
        # Lines as programs write them: UTF-8, quotes, backslashes, tabs, markup.
        self.follow(2, 2500, template='epoch {line}: ünï ✓ 日本語 "loss"={loss:.4f} \\\\ path\ttab <b>&amp; [{instance}]')

    def test_eight_instances_2000_lines_each(self):
        self.follow(8, 2000)

    def test_streams_are_read_four_at_a_time(self):
        # Every GetLogEvents takes 0.2 s: read one after another, six streams would take 1.2 s a round.
        # The emulator counts the GetLogEvents it serves at once: the program's cap is four.
        job, instances, lines = "e2e-read-together", 6, 300
        spec = {"faults": {"GetLogEvents": [{"kind": "latency", "seconds": 0.2}]},
                "logs": {"events_page_size": 100},
                "job": {"instance_count": instances, "secondary_statuses": FAST_STATUSES,
                        "log_lines_per_instance": lines, "log_lines_per_second": lines / 1.0}}
        with Emulator(spec, time_scale=1) as emu:
            rc, out, err = self.run_job(emu, job, instances=instances)
            self.assertEqual(rc, 0, err[-3000:])
            state = emu.state(lines=True)
            assert_every_line_once(self, out, state, job, f"{instances} instances")
            self.assertEqual(state["counters"]["max_concurrent"]["GetLogEvents"], 4)
            self.assert_one_create_and_clean_signatures(emu, job)


class FaultsTest(JobCase):
    def storm(self, job, faults, instances=2, env=None):
        # Eight seconds of Training: 50 requests or more, so that the random faults fire often enough
        # for a storm of them to be what the program meets (at 2 s, 20 requests met as few as 3).
        spec = {"faults": faults, "job": {"instance_count": instances, "secondary_statuses": FAST_STATUSES,
                                          "log_lines_per_instance": 240, "log_lines_per_second": 30}}
        with Emulator(spec, time_scale=1, seed=3) as emu:
            rc, out, err = self.run_job(emu, job, instances=instances, env=env)
            self.assertEqual(rc, 0, err[-3000:])
            self.assertEqual(read_outputs(self.out_dir)["job_name"], job)
            assert_every_line_once(self, out, emu.state(lines=True), job)
            self.assert_one_create_and_clean_signatures(emu, job)
            creates = operations(emu.requests(), "CreateTrainingJob", job)
            fired = [r for r in emu.requests() if r["fault"]]
            # Beyond the CreateTrainingJob faults each test scripts: the storm's random ones.
            random_faults = [r for r in fired if r["operation"] != "CreateTrainingJob"]
            self.assertGreaterEqual(len(random_faults), 4, "the storm injected almost no faults")
            return creates, fired

    def test_throttling_storm(self):
        creates, fired = self.storm("e2e-throttled", {"*": [{"kind": "throttle", "rate": 0.3}],
                                                      "CreateTrainingJob": [{"kind": "throttle", "max_count": 2}]})
        self.assertEqual([r["error"] for r in creates], ["ThrottlingException"] * 2 + [None])

    def test_5xx_storm(self):
        creates, fired = self.storm("e2e-5xx", {"*": [{"kind": "internal_error", "rate": 0.15},
                                                      {"kind": "unavailable", "rate": 0.15}],
                                                "CreateTrainingJob": [{"kind": "unavailable", "max_count": 1}]})
        self.assertEqual([r["status"] for r in creates], [503, 200])
        self.assertEqual({r["fault"] for r in fired}, {"internal_error", "unavailable"})

    def test_dropped_connections(self):
        # The first Create is done but its answer lost: the retry meets ResourceInUse and attaches.
        creates, fired = self.storm("e2e-dropped", {"*": [{"kind": "drop", "rate": 0.2}],
                                                    "CreateTrainingJob": [{"kind": "drop_after", "max_count": 1}]})
        self.assertEqual(creates[0]["fault"], "drop_after")
        self.assertEqual([r["error"] for r in creates[1:] if r["status"] != 0], ["ResourceInUse"])


    # Reads that fail now and then while the logs are drained after the job ended lose no line: only
    # failures in a row give a stream up (and that is said). SDK retries are off (AWS_MAX_ATTEMPTS=1) so
    # that every injected 500 reaches the tailer.
    def test_drain_after_the_end_outlasts_failed_reads(self):
        job = "e2e-drain-5xx"
        spec = {"faults": {"GetLogEvents": [{"kind": "internal_error", "rate": 0.15}]},
                "logs": {"events_page_size": 10},
                "job": {"instance_count": 4, "log_lines_per_instance": 600, "log_lines_per_second": 600,
                        "secondary_statuses": [
                            {"status": "Starting", "message": "Starting the training job", "duration": 0.5},
                            {"status": "Training", "message": "Training in progress"},
                            {"status": "Uploading", "message": "Uploading generated training model", "duration": 0.2}]}}
        with Emulator(spec, seed=1) as emu:
            # A 3 s poll: the job ends before the second one, so nearly every line is read by the drain.
            rc, out, err = self.run_job(emu, job, instances=4, env={"AWS_MAX_ATTEMPTS": "1"}, poll="3")
            self.assertEqual(rc, 0, err[-3000:])
            assert_every_line_once(self, out, emu.state(lines=True), job)


class RulesAndAlgorithmsTest(JobCase):
    def rules_job(self, job, results):
        spec = {"job": {"secondary_statuses": FAST_STATUSES, "log_lines_per_instance": 10,
                        "log_lines_per_second": 20, "debugger_rules": results}}
        with Emulator(spec, time_scale=2) as emu:
            rc, out, err = self.run_job(emu, job, extra=DEBUG_ARGS)
            self.assert_one_create_and_clean_signatures(emu, job)
            return rc, out, err

    def test_rule_in_error_fails_the_step(self):
        rc, out, err = self.rules_job("e2e-rule-error", {
            "Overfit": {"result": "Error", "delay": 1, "details": "rule container crashed"},
            "*": {"result": "NoIssuesFound", "delay": 0.5}})
        self.assertEqual(rc, 1, out + err)
        self.assertRegex(out + err, r"Overfit.*Error")
        self.assert_no_outputs()

    def test_issues_found_is_reported_and_the_step_succeeds(self):
        rc, out, err = self.rules_job("e2e-rule-issues", {
            "LossNotDecreasing": {"result": "IssuesFound", "delay": 1, "details": "loss stalled at step 300"},
            "*": {"result": "NoIssuesFound", "delay": 0.5}})
        self.assertEqual(rc, 0, err)
        self.assertRegex(out, r"LossNotDecreasing.*IssuesFound")
        self.assertIn("loss stalled at step 300", out)
        self.assertRegex(out, r"Overfit.*NoIssuesFound")
        self.assertEqual(read_outputs(self.out_dir)["job_name"], "e2e-rule-issues")

    def test_builtin_algorithm_name_gives_the_regional_image(self):
        job = "e2e-builtin"
        with Emulator({"job": {"secondary_statuses": FAST_STATUSES, "log_lines_per_instance": 5}},
                      time_scale=4) as emu:
            rc, out, err = self.run_job(emu, job, image=None, extra=["--algorithm_name", "K-Means"])
            self.assertEqual(rc, 0, err)
            self.assertEqual(read_outputs(self.out_dir)["training_image"], IMAGE)
            self.assertEqual(operations(emu.requests(), "DescribeAlgorithm"), [])
            self.assert_one_create_and_clean_signatures(emu, job)

    def test_builtin_xgboost_in_another_region(self):
        job = "e2e-builtin-eu"
        with Emulator({"region": "eu-west-1", "job": {"secondary_statuses": FAST_STATUSES,
                                                      "log_lines_per_instance": 5}}, time_scale=4) as emu:
            args = replace_arg(job_args(job, self.out_dir, image=None, extra=["--algorithm_name", "xgboost:1.7-1"]),
                               "--region", "eu-west-1")
            rc, out, err = run_program(args, static_key_env(emu, region="eu-west-1"), timeout=60)
            self.assertEqual(rc, 0, out + err)
            self.assertEqual(read_outputs(self.out_dir)["training_image"],
                             "141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1")
            self.assert_one_create_and_clean_signatures(emu, job)

    def test_default_job_name_is_made_and_written(self):
        with Emulator({"job": {"secondary_statuses": FAST_STATUSES, "log_lines_per_instance": 5}},
                      time_scale=4) as emu:
            args = drop_arg(job_args("unused", self.out_dir), "--job_name")
            rc, out, err = run_program(args, static_key_env(emu), timeout=60)
            self.assertEqual(rc, 0, out + err)
            name = read_outputs(self.out_dir)["job_name"]
            self.assertRegex(name, r"^TrainingJob-20\d{12}-[A-Z0-9]{4}$")
            self.assertEqual([j["name"] for j in emu.state()["jobs"]], [name])
            self.assertEqual(read_outputs(self.out_dir)["model_artifact_url"], f"{OUTPUT_PATH}/{name}/output/model.tar.gz")

    def test_algorithm_resource_image_read_back_with_describe_algorithm(self):
        job = "e2e-algorithm-resource"
        algorithm_image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/emulator-algorithm:1"
        with Emulator(scenario("completed.json"), time_scale=10) as emu:
            rc, out, err = self.run_job(emu, job, image=None, extra=["--algorithm_name", "emulator-algorithm"])
            self.assertEqual(rc, 0, err)
            self.assertEqual(read_outputs(self.out_dir)["training_image"], algorithm_image)
            described = operations(emu.requests(), "DescribeAlgorithm")
            self.assertGreaterEqual(len(described), 1)
            self.assert_one_create_and_clean_signatures(emu, job)


if __name__ == "__main__":
    unittest.main()
